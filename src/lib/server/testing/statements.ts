import type { AliasNode, ColumnNode, KyselyPlugin, OperationNode, QueryId, ReferenceNode, RootOperationNode } from 'kysely';
import type { AppContext } from '../context.ts';

/**
 * Counting the SQL statements one call sends, for tests that hold a page to the reads it needs
 * (the conversation and its parties read once for the whole page, not once per usecase).
 */

/** The table a statement reads from or writes to, as `select:conversations` / `insert:audit_events`. */
export function describeStatement(node: RootOperationNode): string {
	const tableOf = (table: unknown) => (table as { table?: { identifier?: { name?: string } } } | undefined)?.table?.identifier?.name;
	switch (node.kind) {
		case 'SelectQueryNode': {
			const from = node.from?.froms[0];
			const table = from?.kind === 'AliasNode' ? tableOf((from as AliasNode).node) : tableOf(from);
			return `select:${table ?? '?'}`;
		}
		case 'InsertQueryNode':
			return `insert:${tableOf(node.into)}`;
		case 'UpdateQueryNode':
			return `update:${tableOf(node.table)}`;
		case 'DeleteQueryNode':
			return `delete:${node.from.froms.map(tableOf).join(',')}`;
		default:
			return node.kind;
	}
}

/** The columns a select reads, as the database names them (`text_values_json`); none for any other statement. */
export function columnsOf(node: RootOperationNode): string[] {
	if (node.kind !== 'SelectQueryNode') return [];
	const nameOf = (selection: OperationNode): string => {
		if (selection.kind === 'AliasNode') return nameOf((selection as AliasNode).node);
		if (selection.kind === 'ReferenceNode') return nameOf((selection as ReferenceNode).column);
		if (selection.kind === 'ColumnNode') return (selection as ColumnNode).column.name;
		return selection.kind === 'SelectAllNode' ? '*' : '?';
	};
	return (node.selections ?? []).map((selection) => nameOf(selection.selection));
}

/**
 * What each statement compiled through a recorder is, by its query id. A reusable statement
 * (db/reusable.ts) is compiled once, through the recorder of the moment, and then run again
 * under the same id without being compiled: it is told by its id when it runs.
 */
const compiled = new WeakMap<QueryId, { statement: string; columns: string[] }>();

/**
 * The same application, with every statement its usecases run through ctx.db written down in the
 * order they ran (a statement that fails is not written down): `statements` as describeStatement
 * names them, and beside each, in `columns`, the columns it selects. `built` lists the statements
 * Kysely built (and so compiled) through this recorder, in the order they were built; a reusable
 * statement (db/reusable.ts) is built on its first run only.
 */
export function recording<C extends AppContext>(ctx: C): { ctx: C; statements: string[]; columns: string[][]; built: string[] } {
	const statements: string[] = [];
	const columns: string[][] = [];
	const built: string[] = [];
	const recorder: KyselyPlugin = {
		transformQuery: ({ node, queryId }) => {
			const statement = describeStatement(node);
			compiled.set(queryId, { statement, columns: columnsOf(node) });
			built.push(statement);
			return node;
		},
		transformResult: async ({ queryId, result }) => {
			const statement = compiled.get(queryId);
			statements.push(statement?.statement ?? '?');
			columns.push(statement?.columns ?? []);
			return result;
		}
	};
	return { ctx: { ...ctx, db: ctx.db.withPlugin(recorder) }, statements, columns, built };
}

/** How often `statement` occurs among `statements`. */
export const count = (statements: readonly string[], statement: string) => statements.filter((s) => s === statement).length;

/**
 * The statements that read a conversation's row or its parties' rows, in the order they ran: what
 * a participant's page should read once each. The answers in words, kept on the party rows
 * (`text_values_json`), are not counted: the feedback view reads them apart, for the parties the
 * policy lets the viewer see.
 */
export function conversationAndPartyReads(recorded: { statements: readonly string[]; columns: readonly (readonly string[])[] }): string[] {
	return recorded.statements.filter(
		(statement, index) =>
			statement === 'select:conversations' ||
			(statement === 'select:conversation_parties' && !recorded.columns[index]?.includes('text_values_json'))
	);
}
