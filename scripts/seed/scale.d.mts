import type { AppContext } from '../../src/lib/server/context.ts';

export interface SeedScaleOptions {
	/** Rows in the ratings table to reach (closed and never revealed together); whole collaborations, so a few more. */
	ratings: number;
	seed?: number;
	/** "Now" for the generated history (ISO 8601); default the real time. */
	now?: string;
	quarters?: number;
	name?: string;
	prefix?: string;
	password?: string;
	minGroupSize?: number;
	log?: (rowsWritten: number) => void;
}

export interface SeedScaleResult {
	organisationId: string;
	prefix: string;
	admin: { email: string };
	teamLeads: { email: string; team: string; teamId: string }[];
	professional: { email: string };
	teams: number;
	professionals: number;
	collaborations: number;
	conversations: number;
	/** Ratings in closed (revealed) conversations. */
	ratings: number;
	/** Ratings in conversations that never revealed: they must count nowhere. */
	blindRatings: number;
	agreements: number;
	reviews: number;
}

export function seedScale(ctx: AppContext, options: SeedScaleOptions): Promise<SeedScaleResult>;
