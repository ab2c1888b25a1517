import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { environmentForBuild } from '../../../../scripts/build-environment.mjs';
import { variables } from '../../../env.ts';

const ROOT = path.resolve(import.meta.dirname, '../../../..');

describe('the build that npm start runs when the sources are newer than the build', () => {
	it('is given none of the run-time settings src/env.ts declares, so a wrong one is reported by the start in one line, not by the build', () => {
		const declared = Object.keys(variables);
		// The declaration is read, not empty by accident.
		expect(declared).toEqual(expect.arrayContaining(['PORT', 'METRICS_TOKEN', 'ALLOW_PRIVATE_PROVIDERS']));
		const operatorEnvironment = Object.fromEntries(declared.map((name) => [name, 'a value the build must not see']));
		const buildEnvironment = environmentForBuild({ ...operatorEnvironment, PATH: '/usr/bin', HOME: '/root' }, ROOT);
		expect(Object.keys(buildEnvironment).filter((name) => declared.includes(name))).toEqual([]);
	});

	it('keeps the rest of the environment the build needs (PATH, HOME, NODE_OPTIONS)', () => {
		const buildEnvironment = environmentForBuild(
			{ PATH: '/usr/bin', HOME: '/root', NODE_OPTIONS: '--max-old-space-size=512', PORT: '4000' },
			ROOT
		);
		expect(buildEnvironment).toEqual({ PATH: '/usr/bin', HOME: '/root', NODE_OPTIONS: '--max-old-space-size=512' });
	});
});
