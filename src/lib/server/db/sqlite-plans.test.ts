import { describe, expect, it } from 'vitest';
import { planWithoutBoundValues } from './sqlite-plans.ts';

describe('SQLite statements are planned without looking at their bound values', () => {
	it('writes every parameter as +? so SQLite does not plan the statement again for other values', () => {
		expect(
			planWithoutBoundValues(
				'select "s"."id" from "device_sessions" as "s" inner join "conversations" as "c" on "c"."id" = "s"."conversation_id" where "s"."token_hash" = ? and "c"."phase" in (?, ?) limit ?'
			)
		).toBe(
			'select "s"."id" from "device_sessions" as "s" inner join "conversations" as "c" on "c"."id" = "s"."conversation_id" where "s"."token_hash" = +? and "c"."phase" in (+?, +?) limit +?'
		);
		expect(planWithoutBoundValues('insert into "t" ("a", "b") values (?, ?), (?,?) returning "a"')).toBe(
			'insert into "t" ("a", "b") values (+?, +?), (+?,+?) returning "a"'
		);
		expect(planWithoutBoundValues('update "t" set "n" = "n" + ? where "id" = ?')).toBe('update "t" set "n" = "n" + +? where "id" = +?');
		expect(planWithoutBoundValues('?')).toBe('+?');
	});

	it('leaves a question mark inside quoted text, a quoted name or a comment as it is', () => {
		expect(planWithoutBoundValues(`select 'why?' as "what?", \`who?\` from [t?] where a = ? -- and b = ?\n and c like ? escape '?'`)).toBe(
			`select 'why?' as "what?", \`who?\` from [t?] where a = +? -- and b = ?\n and c like +? escape '?'`
		);
		expect(planWithoutBoundValues(`select 'it''s ?' /* ? */, "a""?" from t where x = ?`)).toBe(
			`select 'it''s ?' /* ? */, "a""?" from t where x = +?`
		);
	});

	it('returns SQL without parameters unchanged', () => {
		for (const sql of ['begin immediate', 'commit', 'savepoint group_commit_member', "select 'a?b'", 'select 1 -- ?']) {
			expect(planWithoutBoundValues(sql)).toBe(sql);
		}
	});
});
