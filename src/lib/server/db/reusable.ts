import type { Compilable, CompiledQuery, Kysely, QueryResult } from 'kysely';
import type { Database } from './schema.ts';

/** Where a value of a run goes: the place of a leaf in the values' structure. */
class Slot {
	readonly index: number;
	constructor(index: number) {
		this.index = index;
	}
}

interface Template {
	compiled: CompiledQuery;
	/** Per parameter: a Slot (the run's value at that place) or a constant of the statement itself. */
	parameters: readonly unknown[];
}

/** Shapes kept per statement and database; IN lists of many lengths come and go. */
const SHAPES_PER_STATEMENT = 20;

function isPlainObject(value: unknown): value is Record<string, unknown> {
	if (typeof value !== 'object' || value === null) return false;
	const prototype = Object.getPrototypeOf(value);
	return prototype === Object.prototype || prototype === null;
}

/**
 * Walks the values: their shape as a key (object keys, array lengths, where null and undefined
 * are — Kysely leaves out an undefined column and may treat null apart) and the other leaves
 * in order, each replaced by a Slot in `placeholders` when asked for.
 */
function walk(value: unknown, leaves: unknown[], withPlaceholders: boolean): { key: string; placeholders: unknown } {
	if (value === null) return { key: 'n', placeholders: null };
	if (value === undefined) return { key: 'u', placeholders: undefined };
	if (Array.isArray(value)) {
		let key = `[${value.length}`;
		const placeholders: unknown[] = [];
		for (const item of value) {
			const part = walk(item, leaves, withPlaceholders);
			key += `,${part.key}`;
			placeholders.push(part.placeholders);
		}
		return { key: `${key}]`, placeholders };
	}
	if (isPlainObject(value)) {
		let key = '{';
		const placeholders: Record<string, unknown> = {};
		for (const name in value) {
			const part = walk(value[name], leaves, withPlaceholders);
			key += `${JSON.stringify(name)}:${part.key},`;
			placeholders[name] = part.placeholders;
		}
		return { key: `${key}}`, placeholders };
	}
	leaves.push(value);
	return { key: typeof value, placeholders: withPlaceholders ? new Slot(leaves.length - 1) : undefined };
}

/**
 * A statement on the hot path, built and compiled once per shape of its values and database
 * instead of on every run: Kysely otherwise builds the operation tree, maps every name to
 * snake_case and compiles the SQL anew each time (about a sixth of a rating submission's CPU,
 * hand measurement 2026-11-23). `build` is called once with placeholders in place of the values
 * and must pass each value straight into the query — never look at it, compare it or compute
 * with it; a value that does not reach the statement as a parameter is refused on the first run.
 * The shape (object keys, array lengths, where null and undefined are) is part of the key, so
 * e.g. three rows and five rows are two statements. Runs on the application's database or a
 * transaction of it, and returns what Kysely's `executeQuery` returns.
 */
export function reusableStatement<V, R>(build: (db: Kysely<Database>, values: V) => Compilable<R>) {
	// Per database (its adapter, shared by its transactions): the templates by shape.
	const templates = new WeakMap<object, Map<string, Template>>();
	return async function run(db: Kysely<Database>, values: V): Promise<QueryResult<R>> {
		const executor = db.getExecutor();
		const database = executor.adapter;
		let byShape = templates.get(database);
		if (!byShape) {
			byShape = new Map();
			templates.set(database, byShape);
		}
		const leaves: unknown[] = [];
		// The plugins (the application's names and dates, or none) make another statement of the same shape.
		const key = `${executor.plugins.length}${walk(values, leaves, false).key}`;
		let template = byShape.get(key);
		if (!template) {
			const { placeholders } = walk(values, [], true);
			const compiled = build(db, placeholders as V).compile();
			const used = new Set(compiled.parameters.filter((parameter) => parameter instanceof Slot).map((slot) => slot.index));
			if (used.size !== leaves.length)
				throw new Error(`reusableStatement: a value did not reach the statement as a parameter: ${compiled.sql}`);
			template = { compiled, parameters: compiled.parameters };
			if (byShape.size >= SHAPES_PER_STATEMENT) byShape.delete(byShape.keys().next().value!);
			byShape.set(key, template);
		}
		const parameters = template.parameters.map((parameter) => (parameter instanceof Slot ? leaves[parameter.index] : parameter));
		return db.executeQuery<R>({ ...template.compiled, parameters });
	};
}
