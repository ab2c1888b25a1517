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
	/** Compiled with placeholders: its parameters are Slots and the statement's own constants. */
	compiled: CompiledQuery;
	/** Per parameter: which leaf of the run's values it is, or -1 for a constant of the statement itself. */
	sources: readonly number[];
}

/** Shapes kept per statement and database; IN lists of many lengths come and go. */
const SHAPES_PER_STATEMENT = 20;

function isPlainObject(value: unknown): value is Record<string, unknown> {
	if (typeof value !== 'object' || value === null) return false;
	const prototype = Object.getPrototypeOf(value);
	return prototype === Object.prototype || prototype === null;
}

/**
 * The shape of the values as a key — object keys, array lengths, where null and undefined are
 * (Kysely leaves out an undefined column and may treat null apart), the type of every other
 * value — and those other values (the leaves) in order.
 */
function shapeOf(value: unknown, leaves: unknown[]): string {
	if (value === null) return 'n';
	if (value === undefined) return 'u';
	if (Array.isArray(value)) {
		let key = `[${value.length}`;
		for (const item of value) key += `,${shapeOf(item, leaves)}`;
		return `${key}]`;
	}
	if (isPlainObject(value)) {
		let key = '{';
		// Length-prefixed, so no key can pass for another.
		for (const name in value) key += `${name.length}:${name}=${shapeOf(value[name], leaves)},`;
		return `${key}}`;
	}
	leaves.push(value);
	return typeof value;
}

/** The values with each leaf replaced by its Slot, numbered in the order shapeOf lists them. */
function placeholdersOf(value: unknown, next: { index: number }): unknown {
	if (value === null || value === undefined) return value;
	if (Array.isArray(value)) return value.map((item) => placeholdersOf(item, next));
	if (isPlainObject(value)) {
		const placeholders: Record<string, unknown> = {};
		for (const name in value) placeholders[name] = placeholdersOf(value[name], next);
		return placeholders;
	}
	return new Slot(next.index++);
}

/**
 * A statement on the hot path, built and compiled once per shape of its values and database
 * instead of on every run: Kysely otherwise builds the operation tree, maps every name to
 * snake_case and compiles the SQL anew each time (about a sixth of a rating submission's CPU in
 * a profile under the bench load, 2026-11-23). `build` is called once with placeholders in place
 * of the values and must pass each value straight into the query — never look at it, compare it
 * or compute with it; a value that does not reach the statement as a parameter is refused on the
 * first run. The shape (object keys, array lengths, where null and undefined are) is part of the
 * key, so e.g. three rows and five rows are two statements. Runs on the application's database
 * or a transaction of it, and returns what Kysely's `executeQuery` returns.
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
		const key = `${executor.plugins.length}${shapeOf(values, leaves)}`;
		let template = byShape.get(key);
		if (!template) {
			const compiled = build(db, placeholdersOf(values, { index: 0 }) as V).compile();
			const sources = compiled.parameters.map((parameter) => (parameter instanceof Slot ? parameter.index : -1));
			if (new Set(sources.filter((index) => index >= 0)).size !== leaves.length)
				throw new Error(`reusableStatement: a value did not reach the statement as a parameter: ${compiled.sql}`);
			template = { compiled, sources };
			if (byShape.size >= SHAPES_PER_STATEMENT) byShape.delete(byShape.keys().next().value!);
			byShape.set(key, template);
		}
		const constants = template.compiled.parameters;
		const parameters = template.sources.map((index, i) => (index >= 0 ? leaves[index] : constants[i]));
		return db.executeQuery<R>({ ...template.compiled, parameters });
	};
}
