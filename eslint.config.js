import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';

/** Routes are thin: they call usecases and never reach the database themselves (STYLE.md, "Layers"). */
const databaseImportMessage = 'Routes call usecases; only repositories in src/lib/server/<feature>/ query the database.';

const intlFormatterMadePerCall = [
	':function NewExpression[callee.object.name="Intl"]',
	':function CallExpression[callee.property.name=/^toLocale(Date|Time)?String$/]'
].map((selector) => ({
	selector,
	message: 'Use numberFormat or dateTimeFormat from src/lib/intl.ts: a formatter made in a function is made again on every call.'
}));
const utcDateAsDay = [
	{
		selector: 'CallExpression[callee.property.name="slice"][callee.object.callee.property.name="toISOString"][arguments.1.value=10]',
		message: 'A day is the day in Amsterdam: use todayInAmsterdam (server) or dateFromToday (e2e), not the UTC date.'
	}
];

/** Usecases say what the app does; the queries are their features' repositories' (STYLE.md, "Layers"). */
const queryInUsecase = [
	{
		selector: 'CallExpression[callee.property.name=/^(selectFrom|selectNoFrom|insertInto|updateTable|deleteFrom|replaceInto|mergeInto)$/]',
		message: "Usecases build no queries: put this in the repository of the feature that owns the table, and call that feature's repository."
	}
];

export default ts.config(
	{
		ignores: ['build/', '.svelte-kit/', 'src/lib/paraglide/', 'node_modules/', 'test-results/', 'playwright-report/', 'data/']
	},
	...ts.configs.recommended,
	...svelte.configs.recommended,
	{
		languageOptions: {
			globals: { ...globals.node, ...globals.browser }
		}
	},
	{
		files: ['**/*.svelte', '**/*.svelte.ts', '**/*.svelte.js'],
		languageOptions: {
			parserOptions: {
				parser: ts.parser,
				extraFileExtensions: ['.svelte']
			}
		}
	},
	{
		rules: {
			// `_`-prefixed names mark parameters that an interface requires but the code does not use.
			'@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
			// The app is always served at the root (ORIGIN may not have a path), so links are plain
			// absolute paths that work without JavaScript; resolve() would add nothing.
			'svelte/no-navigation-without-resolve': 'off',
			// The CSP's style-src 'self' blocks style="…" attributes (and the style: directive renders
			// one on the server): use classes, SVG attributes or the CSSOM after load (decision 003).
			'svelte/no-inline-styles': 'error'
		}
	},
	{
		// Two slips found in this code base, refused wherever they could come back:
		// - an Intl formatter made inside a function is made again on every call (tens to hundreds of
		//   microseconds each, dozens a page): take it from src/lib/intl.ts, or make it at module level;
		// - the UTC date as "today": the app counts days in Amsterdam, where it is already tomorrow
		//   after 22:00 or 23:00 UTC (an e2e search "until today" found nothing in that hour).
		files: ['src/**/*.ts', 'src/**/*.svelte'],
		ignores: ['src/**/*.test.ts'],
		rules: { 'no-restricted-syntax': ['error', ...intlFormatterMadePerCall, ...utcDateAsDay] }
	},
	{
		// The general list above, and no queries: this block replaces that list for these files.
		files: ['src/lib/server/**/*.usecases.ts', 'src/lib/server/**/*.change.ts'],
		rules: {
			'no-restricted-syntax': ['error', ...intlFormatterMadePerCall, ...utcDateAsDay, ...queryInUsecase],
			// Types of Kysely are fine (a transaction handed on); its sql template is a query.
			'no-restricted-imports': ['error', { paths: [{ name: 'kysely', allowTypeImports: true, message: queryInUsecase[0].message }] }]
		}
	},
	{
		files: ['e2e/**/*.ts'],
		rules: { 'no-restricted-syntax': ['error', ...utcDateAsDay] }
	},
	{
		// Migrations must not depend on today's schema types, and better-auth maps its own names on
		// an untyped connection: Kysely<any> is the documented pattern for both.
		files: ['src/lib/server/db/**', 'src/lib/server/auth/auth.ts'],
		rules: { '@typescript-eslint/no-explicit-any': 'off' }
	},
	{
		files: ['src/routes/**'],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					paths: [{ name: 'kysely', message: databaseImportMessage }],
					patterns: [{ group: ['#lib/server/db/*', '$lib/server/db/*', '**/lib/server/db/*', 'kysely/*'], message: databaseImportMessage }]
				}
			]
		}
	}
);
