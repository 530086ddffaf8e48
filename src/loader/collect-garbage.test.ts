import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Plugin } from 'vite';
import { collect, collectGarbage } from './collect-garbage.ts';

const global = globalThis as { gc?: (options?: object) => void };
const before = global.gc;
const LAST_RESORT = { type: 'major', execution: 'sync', flavor: 'last-resort' };

describe('collecting garbage between the build’s phases', () => {
  afterEach(() => {
    global.gc = before;
  });

  it('runs a full collection that gives the memory back, where the process allows it', () => {
    global.gc = vi.fn();
    collect();
    expect(global.gc).toHaveBeenCalledExactlyOnceWith(LAST_RESORT);
  });

  it('does nothing where it does not (astro build run by hand)', () => {
    delete global.gc;
    expect(() => collect()).not.toThrow();
  });

  it('collects once the content sync is done, and once Vite’s build is, before the pages', async () => {
    global.gc = vi.fn();
    const { hooks } = collectGarbage();
    (hooks['astro:build:start'] as () => void)();
    let plugins: Plugin[] = [];
    (hooks['astro:config:setup'] as (options: object) => void)({ updateConfig: (config: { vite: { plugins: Plugin[] } }) => (plugins = config.vite.plugins) });
    const buildApp = plugins[0].buildApp as unknown as { order: string; handler: () => Promise<void> };
    expect(buildApp.order).toBe('post');
    await buildApp.handler();
    expect(global.gc).toHaveBeenCalledTimes(2);
    expect(global.gc).toHaveBeenLastCalledWith(LAST_RESORT);
  });
});
