import type { Kysely } from 'kysely';
import type { Database, TeamRole } from '../db/schema.ts';
import { sortByName } from '../shared/collation.ts';

export interface Team {
	id: string;
	name: string;
	members: { userId: string; name: string; role: TeamRole }[];
}

export function createTeamsRepository(db: Kysely<Database>) {
	return {
		async insertTeam(input: { id: string; organisationId: string; name: string; now: string }): Promise<void> {
			await db
				.insertInto('teams')
				.values({ id: input.id, organisationId: input.organisationId, name: input.name, createdAt: input.now })
				.execute();
		},

		async findTeam(organisationId: string, teamId: string): Promise<{ id: string; name: string } | undefined> {
			return db
				.selectFrom('teams')
				.select(['id', 'name'])
				.where('organisationId', '=', organisationId)
				.where('id', '=', teamId)
				.executeTakeFirst();
		},

		async findTeamByName(organisationId: string, name: string): Promise<{ id: string } | undefined> {
			return db.selectFrom('teams').select('id').where('organisationId', '=', organisationId).where('name', '=', name).executeTakeFirst();
		},

		async listTeams(organisationId: string): Promise<Team[]> {
			const teams = await db.selectFrom('teams').select(['id', 'name']).where('organisationId', '=', organisationId).execute();
			const rows = await db
				.selectFrom('teamMembers as tm')
				.innerJoin('users as u', 'u.id', 'tm.userId')
				.select(['tm.teamId', 'tm.userId', 'tm.role', 'u.name'])
				.where('tm.organisationId', '=', organisationId)
				.execute();
			const members = sortByName(rows, (m) => m.userId);
			return sortByName(teams, (team) => team.id).map((team) => ({
				...team,
				members: members.filter((m) => m.teamId === team.id).map(({ userId, name, role }) => ({ userId, name, role }))
			}));
		},

		/**
		 * For each member of a team, the leads of the teams they are in (themselves left out): one
		 * row per member and lead, a member of two teams of one lead gives two rows.
		 */
		async listTeamLeadsOfMembers(organisationId: string): Promise<{ userId: string; leadId: string }[]> {
			return db
				.selectFrom('teamMembers as member')
				.innerJoin('teamMembers as lead', (join) =>
					join.onRef('lead.organisationId', '=', 'member.organisationId').onRef('lead.teamId', '=', 'member.teamId')
				)
				.select(['member.userId', 'lead.userId as leadId'])
				.where('member.organisationId', '=', organisationId)
				.where('lead.role', '=', 'lead')
				.whereRef('lead.userId', '!=', 'member.userId')
				.execute();
		},

		async addMember(input: { organisationId: string; teamId: string; userId: string; role: TeamRole }): Promise<void> {
			await db
				.insertInto('teamMembers')
				.values(input)
				.onConflict((oc) => oc.columns(['teamId', 'userId']).doUpdateSet({ role: input.role }))
				.execute();
		},

		async removeMember(organisationId: string, teamId: string, userId: string): Promise<boolean> {
			const result = await db
				.deleteFrom('teamMembers')
				.where('organisationId', '=', organisationId)
				.where('teamId', '=', teamId)
				.where('userId', '=', userId)
				.executeTakeFirst();
			return Number(result.numDeletedRows) === 1;
		},

		/** Takes someone out of every team of the organisation (their account was deleted). */
		async removeFromAllTeams(organisationId: string, userId: string): Promise<void> {
			await db.deleteFrom('teamMembers').where('organisationId', '=', organisationId).where('userId', '=', userId).execute();
		}
	};
}
