import { describe, expect, it } from 'vitest';
import { NOTE_MAX_LENGTH } from '#lib/server/conversations/conversations.schemas.ts';
import {
	baseFieldName,
	baseValue,
	noteFieldName,
	readReflectionForm,
	REFLECTION_MAX_LENGTH,
	reflectionFieldError,
	reflectionFieldName,
	reflectionFieldValue
} from './reflection-form.ts';

function form(entries: [string, string][]): FormData {
	const data = new FormData();
	for (const [key, value] of entries) data.append(key, value);
	return data;
}

describe('readReflectionForm', () => {
	it('reads every item of the one form, so saving one item keeps what was typed in another', () => {
		const read = readReflectionForm(
			form([
				[reflectionFieldName('omgang', 'mostSatisfied'), 'Eerlijk'],
				[reflectionFieldName('omgang', 'leastSatisfied'), ''],
				[reflectionFieldName('contact', 'mostSatisfied'), ''],
				[reflectionFieldName('contact', 'leastSatisfied'), 'Wachten'],
				['savedFrom', 'omgang']
			])
		);
		expect(read.reflections).toEqual([
			{ itemKey: 'omgang', mostSatisfied: 'Eerlijk', leastSatisfied: '' },
			{ itemKey: 'contact', mostSatisfied: '', leastSatisfied: 'Wachten' }
		]);
		expect(read.savedFrom).toBe('omgang');
		expect(read.values).toEqual({
			'omgang.mostSatisfied': 'Eerlijk',
			'omgang.leastSatisfied': '',
			'contact.mostSatisfied': '',
			'contact.leastSatisfied': 'Wachten'
		});
	});

	it('skips odd field names and an odd save button', () => {
		const read = readReflectionForm(
			form([
				['omgang.other', 'x'],
				['.mostSatisfied', 'x'],
				['itemKey', 'omgang'],
				['savedFrom', '<script>']
			])
		);
		expect(read).toEqual({ reflections: [], notes: [], savedFrom: null, values: {} });
	});

	it('leaves out a text sent as the page showed it, so it never overwrites what someone else saved meanwhile', () => {
		const most = reflectionFieldName('omgang', 'mostSatisfied');
		const least = reflectionFieldName('omgang', 'leastSatisfied');
		const read = readReflectionForm(
			form([
				[most, ''],
				[baseFieldName(most), baseValue(null)],
				[least, 'Te kort'],
				[baseFieldName(least), baseValue(null)]
			])
		);
		expect(read.reflections).toEqual([{ itemKey: 'omgang', leastSatisfied: 'Te kort' }]);
		// Line breaks as the browser sends them still count as unchanged.
		const crlf = readReflectionForm(
			form([
				[most, 'a\r\nb'],
				[baseFieldName(most), baseValue('a\nb')]
			])
		);
		expect(crlf.reflections).toEqual([{ itemKey: 'omgang' }]);
	});

	it('reads what the professional notes per client party apart from their own texts', () => {
		const note = noteFieldName('party-1', 'contact', 'mostSatisfied');
		const read = readReflectionForm(
			form([
				[reflectionFieldName('contact', 'mostSatisfied'), 'Eigen woorden'],
				[note, 'Wat de cliënt zei'],
				[baseFieldName(note), baseValue('')],
				[noteFieldName('party-1', 'contact', 'leastSatisfied'), '']
			])
		);
		expect(read.reflections).toEqual([{ itemKey: 'contact', mostSatisfied: 'Eigen woorden' }]);
		expect(read.notes).toEqual([{ partyId: 'party-1', itemKey: 'contact', mostSatisfied: 'Wat de cliënt zei', leastSatisfied: '' }]);
		expect(read.values[note]).toBe('Wat de cliënt zei');
	});

	it('passes a too long text on whole, for the engine to refuse and the form to show again', () => {
		const long = 'x'.repeat(600);
		const read = readReflectionForm(form([[reflectionFieldName('plan', 'mostSatisfied'), long]]));
		expect(read.reflections[0]?.mostSatisfied).toBe(long);
		expect(read.values['plan.mostSatisfied']).toBe(long);
	});
});

describe('reflectionFieldValue', () => {
	it('shows what was sent after a refusal, else what is stored', () => {
		const sent = { 'omgang.mostSatisfied': 'Nieuw', 'omgang.leastSatisfied': '' };
		expect(reflectionFieldValue(sent, 'omgang', 'mostSatisfied', 'Oud')).toBe('Nieuw');
		expect(reflectionFieldValue(sent, 'omgang', 'leastSatisfied', 'Oud')).toBe('');
		expect(reflectionFieldValue(sent, 'contact', 'mostSatisfied', 'Opgeslagen')).toBe('Opgeslagen');
		expect(reflectionFieldValue(null, 'contact', 'mostSatisfied', null)).toBe('');
	});
});

describe('reflectionFieldError', () => {
	it('marks a refused text that is longer than the engine allows, and nothing else', () => {
		expect(REFLECTION_MAX_LENGTH).toBe(NOTE_MAX_LENGTH);
		const sent = { 'omgang.mostSatisfied': 'x'.repeat(501), 'omgang.leastSatisfied': `${'x'.repeat(500)}  ` };
		expect(reflectionFieldError(sent, 'omgang', 'mostSatisfied')).toBe('validation_too_long');
		expect(reflectionFieldError(sent, 'omgang', 'leastSatisfied')).toBeUndefined();
		expect(reflectionFieldError(null, 'omgang', 'mostSatisfied')).toBeUndefined();
	});
});
