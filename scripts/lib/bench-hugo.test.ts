import { describe, expect, it } from 'vitest';
import { toHugoMarkdown } from './bench-hugo.ts';

describe('toHugoMarkdown', () => {
  const source = [
    '---',
    'title: "Checkout | down"',
    'id: INC-2024-001',
    'status: published',
    'severity: SEV-1',
    'services: [checkout-api]',
    'started: 2024-03-01T10:00:00+01:00',
    'impact: { summary: Checkout failed for everyone. }',
    'timeline:',
    '  - { at: "10:00", event: Errors start }',
    'whys: [Cache expired, Nobody renewed it]',
    'rootCause: { category: process, summary: No renewal owner }',
    'actions:',
    '  - { title: "Own | renew", owner: payments, deadline: 2024-03-15, priority: P1, status: open }',
    'wentWell: [Fast rollback]',
    '---',
    "import Chart from './chart.astro';",
    '',
    '## What happened',
    '',
    'Text.',
  ].join('\n');

  it('keeps the page text: front matter as JSON, the structured parts as Markdown, then the narrative', () => {
    const { id, markdown } = toHugoMarkdown(source);
    expect(id).toBe('INC-2024-001');
    const [front, body] = [markdown.slice(0, markdown.indexOf('\n}\n') + 2), markdown.slice(markdown.indexOf('\n}\n') + 3)];
    expect(JSON.parse(front)).toEqual({ title: 'Checkout | down', date: '2024-03-01T10:00:00+01:00', draft: false, id: 'INC-2024-001', severity: 'SEV-1', services: ['checkout-api'] });
    expect(body).toContain('Checkout failed for everyone.\n\n## Timeline\n\n- **10:00** Errors start\n');
    expect(body).toContain('1. Cache expired\n2. Nobody renewed it\n');
    expect(body).toContain('process: No renewal owner');
    expect(body).toContain('| Own \\| renew | payments | 2024-03-15 | P1 | open |');
    expect(body).toContain('- Fast rollback');
    expect(body).toContain('## What happened\n\nText.');
    expect(body).not.toContain('import');
  });

  it('marks what our site leaves out as a draft', () => {
    for (const status of ['draft', 'in-review']) {
      expect(JSON.parse(toHugoMarkdown(source.replace('status: published', `status: ${status}`)).markdown.split('\n\n')[0]).draft).toBe(true);
    }
  });
});
