import { describe, expect, it } from 'vitest';
import { writeConflictAnswer } from './error-answer.ts';
import { failFromError } from './forms.ts';

const dbError = (code: string, message = 'database error') => Object.assign(new Error(message), { code });

describe('a write that lost to a concurrent request answers 409 changed_meanwhile wherever it is thrown, not a 500', () => {
	it.each([
		['23505', 'PostgreSQL unique violation'],
		['40P01', 'PostgreSQL deadlock'],
		['40001', 'PostgreSQL serialization failure'],
		['SQLITE_BUSY', 'SQLite busy after its timeout'],
		['SQLITE_BUSY_SNAPSHOT', 'SQLite busy: a stale snapshot'],
		['SQLITE_CONSTRAINT_UNIQUE', 'SQLite unique violation']
	])('%s (%s) is 409 changed_meanwhile, with the database code to log', (code) => {
		expect(writeConflictAnswer(dbError(code))).toEqual({ status: 409, message: 'changed_meanwhile', code });
	});

	it('finds the conflict in an error that wraps it (cause), however deep', () => {
		const wrapped = new Error('transaction failed', { cause: new Error('query failed', { cause: dbError('40P01') }) });
		expect(writeConflictAnswer(wrapped)).toEqual({ status: 409, message: 'changed_meanwhile', code: '40P01' });
		expect(failFromError(wrapped, { name: 'x' })).toMatchObject({ status: 409, data: { formError: 'changed_meanwhile' } });
	});

	it.each([
		['42P01', 'a missing table'],
		['SQLITE_CONSTRAINT_FOREIGNKEY', 'a foreign key'],
		['55P03', 'a lock timeout']
	])('another database error (%s, %s) is no conflict: it stays a logged 500', (code) => {
		expect(writeConflictAnswer(dbError(code))).toBeUndefined();
		expect(writeConflictAnswer(new Error('outer', { cause: dbError(code) }))).toBeUndefined();
	});

	it('an error that is not an object, or a cause chain that loops, is no conflict', () => {
		const looping: Error & { cause?: unknown } = new Error('loop');
		looping.cause = looping;
		expect(writeConflictAnswer('SQLITE_BUSY')).toBeUndefined();
		expect(writeConflictAnswer(null)).toBeUndefined();
		expect(writeConflictAnswer(looping)).toBeUndefined();
	});
});
