import fs from 'node:fs';
import path from 'node:path';
import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import AuditPage from '../routes/(staff)/admin/audit/+page.svelte';
import { accessWhatLabel } from './access-log-labels.ts';
import { AUDIT_ACTIONS, AUDIT_TARGET_TYPES } from './audit-actions.ts';
import { auditActionLabel, auditTargetLabel } from './audit-labels.ts';

// A new Dutch admin read the audit log as `conversation.ratings_submitted` about a `conversationParty`:
// every action and every target type the server records is shown in words, in Dutch and in English.

const root = path.resolve(import.meta.dirname, '../..');
const read = (locale: string) =>
	JSON.parse(fs.readFileSync(path.join(root, 'messages', `${locale}.json`), 'utf8')) as Record<string, string>;
const messages = { nl: read('nl'), en: read('en') };

/** The text a reader sees: tags (the code's <wbr> break points among them) left out. */
const readable = (html: string) =>
	html
		.replace(/<!--[\s\S]*?-->/g, '')
		.replace(/<wbr\s*\/?>/g, '')
		.replace(/<[^>]+>/g, ' ')
		.replace(/\s+/g, ' ')
		.trim();

describe('audit log labels', () => {
	it.each(['nl', 'en'] as const)('every audit action has a label in %s that is words, not its code', (locale) => {
		for (const action of AUDIT_ACTIONS) {
			const label = auditActionLabel(action, locale);
			expect(label, action).toBe(messages[locale][`audit_action_${action.replace('.', '_')}`]);
			expect(label, action).not.toBe(action);
			expect(label, action).not.toMatch(/^[a-z]+\.[a-z_]+$/);
		}
	});

	it.each(['nl', 'en'] as const)('every target type has a label in %s that is words, not its code', (locale) => {
		for (const type of AUDIT_TARGET_TYPES) {
			const label = auditTargetLabel(type, locale);
			expect(label, type).toBe(messages[locale][`audit_target_${type}`]);
			expect(label, type).not.toBe(type);
		}
	});

	it('an action or target type this version does not know (an older row) shows its code', () => {
		expect(auditActionLabel('conversation.long_gone')).toBe('conversation.long_gone');
		expect(auditTargetLabel('somethingOld')).toBe('somethingOld');
		expect(auditTargetLabel(null)).toBe('');
	});

	it('the audit page shows the Dutch label, with the code below it', () => {
		const event = {
			id: 'e1',
			occurredAt: '2031-05-06T07:08:09.010Z',
			actorType: 'participant',
			actorId: 'p1',
			actorName: null,
			actorFormerNumber: null,
			action: 'conversation.ratings_submitted',
			targetType: 'conversationParty',
			targetId: 'p1',
			collaborationId: null
		};
		const old = { ...event, id: 'e2', action: 'conversation.long_gone', targetType: 'somethingOld' };
		const { body } = render(AuditPage, {
			props: {
				data: {
					events: [event, old],
					nextBefore: null,
					paged: false,
					staff: [],
					total: 2,
					values: { from: '', to: '', action: '', staff: '', reference: '', before: '' },
					errors: {},
					search: '',
					searched: false
				} as never
			}
		});
		const text = readable(body);
		expect(text).toContain('Scores ingevuld conversation.ratings_submitted');
		expect(text).toContain('Deelnemer aan gesprek conversationParty');
		expect(text).toContain('conversation.long_gone somethingOld');
	});

	it('the search form labels every field and says, in Dutch, what is wrong with a bad one', () => {
		const values = { from: '', to: '', action: '', staff: '', reference: '', before: '' };
		const data = {
			events: [],
			nextBefore: null,
			paged: false,
			staff: [{ userId: 'u1', name: 'Anna Jansen' }],
			total: 0,
			values,
			errors: { action: 'audit_filter_action_unknown', form: 'access_log_period_invalid' },
			search: '',
			searched: true
		};
		const { body } = render(AuditPage, { props: { data: data as never } });
		for (const field of ['from', 'to', 'action', 'staff', 'reference']) {
			expect(body, field).toMatch(new RegExp(`<label[^>]* for="field-${field}"`));
			expect(body, field).toMatch(
				new RegExp(
					`<(input|select)[^>]* id="field-${field}"[^>]* name="${field}"|<(input|select)[^>]* name="${field}"[^>]* id="field-${field}"`
				)
			);
		}
		expect(body).toMatch(/<form[^>]* method="get"/);
		const text = readable(body);
		expect(text).toContain('Zoeken in het logboek');
		expect(text).toContain(messages.nl.audit_filter_action_unknown);
		expect(text).toContain(messages.nl.access_log_period_invalid);
		expect(text).toContain(messages.nl.audit_none_found);
		// A refused search offers no export of it.
		expect(body).not.toContain('/admin/audit/export');
	});

	it('the access log names an event other than viewing or changing in words too', () => {
		expect(accessWhatLabel({ action: 'collaboration.created', targetType: 'collaboration' }, 'nl')).toBe('Samenwerking gemaakt');
		expect(accessWhatLabel({ action: 'access.view', targetType: 'conversation' }, 'nl')).toContain(
			messages.nl.access_log_data_conversation
		);
	});
});
