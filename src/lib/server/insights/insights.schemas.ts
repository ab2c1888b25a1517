import * as v from 'valibot';
import { isQuarter } from './insights.quarters.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * The dashboard's filters as they come from the address bar. Shape only: whether a team may be
 * seen and a quarter is on offer is the usecase's call. An empty value means "not chosen".
 */
export const dashboardQuerySchema = v.object({
	team: v.optional(v.string()),
	from: v.optional(v.string()),
	to: v.optional(v.string())
});

export type DashboardQuery = v.InferOutput<typeof dashboardQuerySchema>;

export function readDashboardQuery(params: URLSearchParams): DashboardQuery {
	const value = (name: string) => params.get(name)?.trim() || undefined;
	return v.parse(dashboardQuerySchema, { team: value('team'), from: value('from'), to: value('to') });
}

export function isTeamId(value: string): boolean {
	return UUID.test(value);
}

export { isQuarter };
