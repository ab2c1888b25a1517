import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { ROOT } from './client-pages.ts';

/**
 * The error codes a client page can answer with, found from the source: every code (a string such
 * as 'link.expired' or 'request.address_unknown' whose message `error_link_expired` exists) in the
 * code a client page's server side runs. From each start file the walk follows, function by
 * function, every project function, constant and module it names (imports through #lib/ and
 * relative paths, and the module's own top-level declarations): the participant usecases, their
 * policies and models, and the helpers that throw for them, but not the staff functions beside
 * them in the same module. A string only counts when `errorMessage` (src/lib/i18n.ts) would find a
 * message for it, so a code that gets a message later is found without anyone listing it.
 */

type Declarations = Map<string, ts.Node[]>;
interface Module {
	source: ts.SourceFile;
	/** Top-level names declared here (functions, constants, classes). */
	local: Declarations;
	/** Imported names: the module's file (from the root) and the name it exports. */
	imports: Map<string, { file: string; name: string }>;
	/** `export … from` re-exports by exported name. */
	reexports: Map<string, { file: string; name: string }>;
}

const modules = new Map<string, Module | null>();

/** The list of every code and its HTTP status: naming DomainError reaches it, yet it throws none. */
const CATALOGUES = new Set(['src/lib/server/shared/errors.ts#STATUS']);

function resolveImport(from: string, target: string): string | null {
	const resolved = target.startsWith('#lib/')
		? path.join('src/lib', target.slice(5))
		: target.startsWith('.')
			? path.join(path.dirname(from), target)
			: null;
	if (!resolved || resolved.includes('paraglide') || !/\.ts$/.test(resolved)) return null;
	return fs.existsSync(path.join(ROOT, resolved)) ? resolved : null;
}

function moduleOf(file: string): Module | null {
	if (modules.has(file)) return modules.get(file)!;
	const full = path.join(ROOT, file);
	if (!file.endsWith('.ts') || !fs.existsSync(full)) {
		modules.set(file, null);
		return null;
	}
	const source = ts.createSourceFile(file, fs.readFileSync(full, 'utf8'), ts.ScriptTarget.Latest, true);
	const local: Declarations = new Map();
	const imports = new Map<string, { file: string; name: string }>();
	const reexports = new Map<string, { file: string; name: string }>();
	const add = (name: string, node: ts.Node) => local.set(name, [...(local.get(name) ?? []), node]);
	for (const statement of source.statements) {
		if (ts.isImportDeclaration(statement) && ts.isStringLiteral(statement.moduleSpecifier)) {
			const target = resolveImport(file, statement.moduleSpecifier.text);
			const bindings = statement.importClause?.namedBindings;
			if (!target || !bindings) continue;
			if (ts.isNamedImports(bindings))
				for (const element of bindings.elements)
					imports.set(element.name.text, { file: target, name: (element.propertyName ?? element.name).text });
			else imports.set(bindings.name.text, { file: target, name: '*' });
		} else if (ts.isExportDeclaration(statement) && statement.moduleSpecifier && ts.isStringLiteral(statement.moduleSpecifier)) {
			const target = resolveImport(file, statement.moduleSpecifier.text);
			if (target && statement.exportClause && ts.isNamedExports(statement.exportClause))
				for (const element of statement.exportClause.elements)
					reexports.set(element.name.text, { file: target, name: (element.propertyName ?? element.name).text });
		} else if ((ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement)) && statement.name) {
			add(statement.name.text, statement);
		} else if (ts.isVariableStatement(statement)) {
			for (const declaration of statement.declarationList.declarations)
				if (ts.isIdentifier(declaration.name)) add(declaration.name.text, declaration);
		}
	}
	const module = { source, local, imports, reexports };
	modules.set(file, module);
	return module;
}

/** A code's message key, as errorMessage (src/lib/i18n.ts) looks it up. */
const keyOf = (code: string) => `error_${code.replaceAll('.', '_')}`;

/**
 * The error messages reachable from these files' server code (every top-level statement of each):
 * of `keys` (every message key), those a code found there names, with their one-minute variant. A
 * code built in a template (`link.${state}`) names every message its fixed start names.
 */
export function errorMessagesReachableFrom(files: readonly string[], keys: ReadonlySet<string>): Set<string> {
	const reached = new Set<string>();
	const found = (text: string) => {
		// A message by its key: a form field's refusal ('validation_required'), a notice.
		if (keys.has(text)) reached.add(text);
		const key = keyOf(text);
		if (!/^[a-z_.]+$/.test(text) || !keys.has(key)) return;
		reached.add(key);
		if (keys.has(`${key}_minute`)) reached.add(`${key}_minute`);
	};
	const foundStart = (start: string) => {
		if (!/^[a-z_]+[._]$/.test(start)) return;
		for (const key of keys) if (key.startsWith(keyOf(start))) reached.add(key);
	};
	const visited = new Set<ts.Node>();
	const queue: { file: string; node: ts.Node }[] = [];

	const follow = (file: string, name: string, seen = 0): void => {
		const module = moduleOf(file);
		if (!module || seen > 10) return;
		if (name === '*') {
			// A namespace import: everything it declares (rare outside the generated messages).
			for (const nodes of module.local.values()) for (const node of nodes) queue.push({ file, node });
			return;
		}
		const declared = CATALOGUES.has(`${file}#${name}`) ? [] : module.local.get(name);
		if (declared) for (const node of declared) queue.push({ file, node });
		else if (module.imports.has(name)) follow(module.imports.get(name)!.file, module.imports.get(name)!.name, seen + 1);
		else if (module.reexports.has(name)) follow(module.reexports.get(name)!.file, module.reexports.get(name)!.name, seen + 1);
	};

	for (const file of files) {
		const module = moduleOf(file);
		if (module)
			for (const statement of module.source.statements) if (!ts.isImportDeclaration(statement)) queue.push({ file, node: statement });
	}
	while (queue.length > 0) {
		const { file, node } = queue.pop()!;
		if (visited.has(node)) continue;
		visited.add(node);
		const module = moduleOf(file)!;
		const visit = (child: ts.Node): void => {
			// A type names codes a value may have, not one it does ('rate_limited' | 'participation.pin_locked').
			if (ts.isTypeNode(child)) return;
			if (ts.isStringLiteralLike(child)) found(child.text);
			else if (ts.isTemplateExpression(child)) foundStart(child.head.text);
			if (
				ts.isPropertyAccessExpression(child) &&
				ts.isIdentifier(child.expression) &&
				module.imports.get(child.expression.text)?.name === '*'
			) {
				// `repository.findLink(…)`: only the function named.
				follow(module.imports.get(child.expression.text)!.file, child.name.text);
				return;
			} else if (ts.isIdentifier(child)) {
				const imported = module.imports.get(child.text);
				if (imported) follow(imported.file, imported.name);
				else follow(file, child.text);
			}
			ts.forEachChild(child, visit);
		};
		ts.forEachChild(node, visit);
	}
	return reached;
}
