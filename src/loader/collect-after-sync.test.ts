import { afterEach, describe, expect, it, vi } from 'vitest';
import { collectAfterSync } from './collect-after-sync.ts';

const hook = () => collectAfterSync().hooks['astro:build:start'] as () => void;
const global = globalThis as { gc?: () => void };
const before = global.gc;

describe('collecting after the content sync', () => {
  afterEach(() => {
    global.gc = before;
  });

  it('runs a full collection once the sync is done, where the process allows it', () => {
    global.gc = vi.fn();
    hook()();
    expect(global.gc).toHaveBeenCalledOnce();
  });

  it('does nothing where it does not (astro build run by hand)', () => {
    delete global.gc;
    expect(() => hook()()).not.toThrow();
  });
});
