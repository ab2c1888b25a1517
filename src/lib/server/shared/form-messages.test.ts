import { expect, it } from 'vitest';
import * as v from 'valibot';
import * as m from '#lib/paraglide/messages.js';
import { validateForm } from './validation.ts';

/** Every schema the server's features export, by file and name. */
const modules = import.meta.glob<Record<string, unknown>>('../**/*.schemas.ts', { eager: true });
const schemas = Object.entries(modules).flatMap(([file, exports]) =>
	Object.entries(exports)
		.filter(([, value]) => typeof value === 'object' && value !== null && (value as { kind?: string }).kind === 'schema')
		.map(([name, schema]) => ({ where: `${file}: ${name}`, schema: schema as v.GenericSchema }))
);

const isMessage = (key: string) => typeof (m as unknown as Record<string, unknown>)[key] === 'function';

it('a form posted with its fields left out (a radio group with nothing chosen, a select left out) gets a message of ours for each, never an untranslated one', () => {
	expect(schemas.length).toBeGreaterThan(30);
	const untranslated = schemas.flatMap(({ where, schema }) => {
		const result = validateForm(schema, new FormData());
		if (result.ok) return [];
		return Object.entries(result.errors)
			.filter(([, message]) => !isMessage(message))
			.map(([field, message]) => `${where} ${field}: ${message}`);
	});
	expect(untranslated).toEqual([]);
});
