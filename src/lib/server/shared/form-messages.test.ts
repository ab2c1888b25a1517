import { expect, it } from 'vitest';
import * as v from 'valibot';
import * as m from '#lib/paraglide/messages.js';
import { entriesOf, validateForm } from './validation.ts';

/** Every schema the server's features export, by file and name. */
const modules = import.meta.glob<Record<string, unknown>>('../**/*.schemas.ts', { eager: true });
const schemas = Object.entries(modules).flatMap(([file, exports]) =>
	Object.entries(exports)
		.filter(([, value]) => typeof value === 'object' && value !== null && (value as { kind?: string }).kind === 'schema')
		.map(([name, schema]) => ({ where: `${file}: ${name}`, schema: schema as v.GenericSchema }))
);

const isMessage = (key: string) => typeof (m as unknown as Record<string, unknown>)[key] === 'function';

it('a required field left out of a post (a radio group with nothing chosen, a select left out) gets the message it gets when sent empty, and every message is ours', () => {
	expect(schemas.length).toBeGreaterThan(30);
	const problems: string[] = [];
	let compared = 0;
	for (const { where, schema } of schemas) {
		const missing = validateForm(schema, new FormData());
		for (const field of Object.keys(entriesOf(schema) ?? {})) {
			const form = new FormData();
			form.set(field, '');
			const empty = validateForm(schema, form);
			const whenEmpty = empty.ok ? undefined : empty.errors[field];
			const whenMissing = missing.ok ? undefined : missing.errors[field];
			// A field that may be left out (optional) is no error when it is; only a refused one is compared.
			if (whenEmpty === undefined || whenMissing === undefined) continue;
			compared += 1;
			if (whenMissing !== whenEmpty) problems.push(`${where} ${field}: left out "${whenMissing}", empty "${whenEmpty}"`);
		}
		if (!missing.ok) {
			for (const [field, message] of Object.entries(missing.errors))
				if (!isMessage(message)) problems.push(`${where} ${field}: ${message}`);
		}
	}
	expect(compared).toBeGreaterThan(100);
	expect(problems).toEqual([]);
});
