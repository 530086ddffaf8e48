import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { settingsSchema } from '../../src/schemas/settings.ts';
import { fieldComments, postmortemJsonSchema, settingsJsonSchema } from './json-schema.ts';

const project = fileURLToPath(new URL('../..', import.meta.url));

type Node = { [key: string]: any };

describe('fieldComments', () => {
  it('reads the JSDoc of fields, of nested objects and of the declaration', () => {
    const source = `
      /** One thing. */
      export const thing = z.strictObject({
        /** Its name. */
        name: z.string(),
        plain: z.number(),
        /** Where it is. */
        place: z.object({
          /** Which city. */
          'city-name': z.string().optional(),
        }).optional(),
      });
    `;
    expect(fieldComments(source, 'thing')).toEqual([
      { path: [], text: 'One thing.' },
      { path: ['name'], text: 'Its name.' },
      { path: ['place'], text: 'Where it is.' },
      { path: ['place', 'city-name'], text: 'Which city.' },
    ]);
  });

  it('finds the object inside a function declaration', () => {
    const source = `
      export function shape(settings) {
        return z.strictObject({
          /** A. */
          a: z.enum(settings.values),
        });
      }
    `;
    expect(fieldComments(source, 'shape')).toEqual([{ path: ['a'], text: 'A.' }]);
  });

  it('returns nothing for a name that is not declared', () => {
    expect(fieldComments('const x = 1;', 'missing')).toEqual([]);
  });
});

describe('postmortemJsonSchema', () => {
  const schema = postmortemJsonSchema(settingsSchema.parse({ categories: ['config', 'capacity'] }), project) as Node;

  it('describes top-level, action and timeline fields from the JSDoc in src/schemas', () => {
    expect(schema.properties.title.description).toMatch(/1–140 characters/);
    expect(schema.properties.actions.items.description).toMatch(/owner and a deadline/);
    expect(schema.properties.actions.items.properties.deadline.description).toMatch(/YYYY-MM-DD/);
    expect(schema.properties.timeline.items.properties.at.description).toMatch(/HH:MM/);
  });

  it('takes the root-cause categories from the settings', () => {
    // A category may also be written unknown (docs/format.md#unknown-values).
    const category = schema.properties.rootCause.properties.category as { anyOf: { enum?: string[]; const?: string }[] };
    expect(category.anyOf.find((branch) => branch.enum)?.enum).toEqual(['config', 'capacity']);
    expect(category.anyOf.some((branch) => branch.const === 'unknown')).toBe(true);
  });

  it('describes the input: defaulted fields are optional, unknown keys are not allowed', () => {
    // severity, services and detected may be left out of an imported post-mortem; the rules ask for them in any other.
    expect(schema.required).toEqual(expect.arrayContaining(['title', 'started', 'impact']));
    expect(schema.required).not.toContain('kind');
    expect(schema.properties.kind.default).toBe('incident');
    expect(schema.additionalProperties).toBe(false);
  });
});

describe('settingsJsonSchema', () => {
  it('describes every settings key as optional', () => {
    const schema = settingsJsonSchema(project) as Node;
    expect(schema.required ?? []).toEqual([]);
    expect(schema.properties.sev1MaxGapMinutes.description).toMatch(/SEV-1/);
    expect(schema.properties.lint.additionalProperties.enum).toEqual(['off', 'warning', 'error']);
  });
});

describe('the committed JSON Schemas', () => {
  it('match what the zod schemas generate today (run `npm run schema` after changing a schema)', () => {
    const committed = JSON.parse(readFileSync(join(project, 'schema/settings.schema.json'), 'utf8'));
    expect(committed).toEqual(JSON.parse(JSON.stringify(settingsJsonSchema(project))));
  });
});
