import type { Timestamp } from './common.ts';

/** Background jobs and the insights' published quarters. */

export type JobStatus = 'pending' | 'running' | 'done' | 'failed';

export interface JobsTable {
	id: string;
	kind: string;
	/** Unique while the row is kept: the same job is never enqueued twice. */
	dedupeKey: string;
	organisationId: string | null;
	/** JSON object of ids and codes; never client content. */
	payload: string;
	status: JobStatus;
	runAt: Timestamp;
	attempts: number;
	maxAttempts: number;
	leaseOwner: string | null;
	leaseExpiresAt: Timestamp | null;
	/** An error code (e.g. ECONNECTION), never a message. */
	lastError: string | null;
	createdAt: Timestamp;
	updatedAt: Timestamp;
	doneAt: Timestamp | null;
}

/** A completed quarter whose insights summary exists (see migration 0008). */
export interface InsightsQuartersTable {
	organisationId: string;
	/** 'YYYY-Qn', in Europe/Amsterdam. */
	quarter: string;
	computedAt: Timestamp;
	/** The strictest minimum group size its figures have been held to; null until published (migration 0011). */
	minGroupSize: number | null;
}

/** A figure of a published quarter that may be shown (scope 'organisation' or a team id); rows are only ever deleted. */
export interface InsightsShownFiguresTable {
	organisationId: string;
	quarter: string;
	measure: string;
	scope: string;
}

/** One figure's ingredients for one team ('' = no team) in one quarter; never changes once written. */
export interface InsightsCellsTable {
	organisationId: string;
	quarter: string;
	teamId: string;
	measure: string;
	collaborations: number;
	maxHolder: number;
	valueCount: number;
	valueSum: number;
}

/** See src/lib/server/http/flash.ts: encrypted, single use, short-lived. */
export interface FlashEntriesTable {
	/** SHA-256 of the cookie's token: the row cannot be found without the cookie. */
	id: string;
	kind: string;
	/** The page path that may take it. */
	path: string;
	/** AES-256-GCM, keyed by the cookie's token, base64url. */
	payload: string;
	expiresAt: Timestamp;
}
