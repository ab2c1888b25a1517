import type { Permission } from '../access/permissions.ts';
import type { RetentionRuleKey } from '../retention/retention.models.ts';
import { EXEMPT } from './privacy.exempt.models.ts';
import { REGISTER } from './privacy.register.models.ts';

/** The shape of the processing register (privacy.register.models.ts) and the check that holds it against the database. */

/** AVG art. 6(1): (a) consent, (b) contract, (c) legal obligation, (e) public task, (f) legitimate interest. */
export type LegalBasis = 'consent' | 'contract' | 'legalObligation' | 'publicTask' | 'legitimateInterest';

export type DataSubject = 'client' | 'staff' | 'trajectoryParticipant';

export type Retention =
	/** A rule the retention job applies (RETENTION_RULES): the organisation's retention period, or fixed days. */
	| { kind: 'retentionJob'; rule: RetentionRuleKey }
	/** The job runner removes finished jobs after JOB_RETENTION_DAYS. */
	| { kind: 'finishedJobs' }
	/** Until an admin deletes the staff account (staff.deletion.usecases.ts). */
	| { kind: 'untilStaffDeleted' }
	/** The record stays; once the account is deleted it names "former staff member N". */
	| { kind: 'formerStaffNumber' }
	/** Kept for accountability; when a collaboration or trajectory is erased its ids become random pseudonyms. */
	| { kind: 'pseudonymisedOnErasure' }
	/** What a form post hands the next page (http/flash.ts): taken by that page, or useless and removed minutes later. */
	| { kind: 'shownOnce' };

/** Who sees the data besides staff with one of the permissions: the person it is about. */
export type SelfAccess = 'client' | 'staffMember' | 'trajectoryParticipant';

export interface RegisterCategory {
	key: string;
	subjects: readonly DataSubject[];
	legalBasis: LegalBasis;
	retention: readonly Retention[];
	/** The permissions through which staff see (part of) it; empty: only Tweespraak itself uses it. */
	access: readonly Permission[];
	self: readonly SelfAccess[];
	/** Table → the columns of this category in it. */
	tables: Readonly<Record<string, readonly string[]>>;
}

/** Table → its columns, as the database has them. */
export type SchemaColumns = Readonly<Record<string, readonly string[]>>;

export interface RegisterCoverage {
	/** Columns of the database neither in a register category nor exempt: personal data nobody accounted for. */
	unclassified: string[];
	/** `table.column` named by the register or the exemptions that the database does not have. */
	stale: string[];
	/** Columns classified more than once (two categories, or a category and an exemption). */
	duplicated: string[];
}

/** Where each `table.column` is accounted for: the category keys, or 'exempt'. */
function classifications(register: readonly RegisterCategory[], exempt: typeof EXEMPT): Map<string, string[]> {
	const found = new Map<string, string[]>();
	const add = (table: string, column: string, by: string) => {
		const key = `${table}.${column}`;
		found.set(key, [...(found.get(key) ?? []), by]);
	};
	for (const category of register) {
		for (const [table, columns] of Object.entries(category.tables)) for (const column of columns) add(table, column, category.key);
	}
	for (const [table, { columns }] of Object.entries(exempt)) for (const column of columns) add(table, column, 'exempt');
	return found;
}

/**
 * Holds the register against the database: every column accounted for exactly once, and nothing
 * named that does not exist. Empty lists mean the register describes the schema as it is.
 */
export function checkRegisterCoverage(
	schema: SchemaColumns,
	register: readonly RegisterCategory[] = REGISTER,
	exempt: typeof EXEMPT = EXEMPT
): RegisterCoverage {
	const found = classifications(register, exempt);
	const inSchema = new Set(Object.entries(schema).flatMap(([table, columns]) => columns.map((column) => `${table}.${column}`)));
	return {
		unclassified: [...inSchema].filter((key) => !found.has(key)).toSorted(),
		stale: [...found.keys()].filter((key) => !inSchema.has(key)).toSorted(),
		duplicated: [...found].filter(([, by]) => by.length > 1).map(([key, by]) => `${key} (${by.join(', ')})`)
	};
}
