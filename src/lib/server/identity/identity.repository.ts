import { sql, type Kysely } from 'kysely';
import { domainOf } from './identity.schemas.ts';
import { fromBoolean, toBoolean, type Database, type StoredBoolean } from '../db/schema.ts';

export interface IdentityProvider {
	id: string;
	organisationId: string;
	discoveryUrl: string;
	clientId: string;
	/** Encrypted. */
	clientSecret: string;
	staffOnly: boolean;
	/** The admin says the provider proves its addresses itself (decision 018): no `email_verified` needed. */
	verifiesAddresses: boolean;
	domains: string[];
}

export function createIdentityRepository(db: Kysely<Database>) {
	async function withDomains(
		row: Omit<IdentityProvider, 'domains' | 'staffOnly' | 'verifiesAddresses'> & {
			staffOnly: StoredBoolean;
			verifiesAddresses: StoredBoolean;
		}
	) {
		const domains = await db
			.selectFrom('identityProviderDomains')
			.select('domain')
			.where('providerId', '=', row.id)
			.orderBy('domain')
			.execute();
		return {
			...row,
			staffOnly: toBoolean(row.staffOnly),
			verifiesAddresses: toBoolean(row.verifiesAddresses),
			domains: domains.map((d) => d.domain)
		};
	}
	const columns = ['id', 'organisationId', 'discoveryUrl', 'clientId', 'clientSecret', 'staffOnly', 'verifiesAddresses'] as const;

	return {
		/** Whether any organisation has a provider: a cross-organisation yes or no, nothing about which. */
		async anyExists(): Promise<boolean> {
			const row = await db.selectFrom('identityProviders').select('id').limit(1).executeTakeFirst();
			return row !== undefined;
		},

		async findByOrganisation(organisationId: string): Promise<IdentityProvider | undefined> {
			const row = await db.selectFrom('identityProviders').select(columns).where('organisationId', '=', organisationId).executeTakeFirst();
			return row && withDomains(row);
		},

		async findById(id: string): Promise<IdentityProvider | undefined> {
			const row = await db.selectFrom('identityProviders').select(columns).where('id', '=', id).executeTakeFirst();
			return row && withDomains(row);
		},

		async findByDomain(domain: string): Promise<IdentityProvider | undefined> {
			const row = await db
				.selectFrom('identityProviderDomains')
				.innerJoin('identityProviders', 'identityProviders.id', 'identityProviderDomains.providerId')
				.select(columns.map((c) => `identityProviders.${c}` as const))
				.where('identityProviderDomains.domain', '=', domain)
				.executeTakeFirst();
			return row && withDomains(row);
		},

		/** The domains among these that another organisation's provider already has. */
		async domainsClaimedElsewhere(organisationId: string, domains: readonly string[]): Promise<string[]> {
			if (domains.length === 0) return [];
			const rows = await db
				.selectFrom('identityProviderDomains')
				.select('domain')
				.where('domain', 'in', domains)
				.where('organisationId', '<>', organisationId)
				.execute();
			return rows.map((r) => r.domain);
		},

		/**
		 * The domains among these at which another organisation has staff: a member (of any status)
		 * or an open staff invitation. A provider only for its staff refuses passwords to every
		 * address at its domains, so an organisation claiming such a domain would lock that one's
		 * staff out.
		 */
		async domainsStaffedElsewhere(organisationId: string, domains: readonly string[], now: string): Promise<string[]> {
			if (domains.length === 0) return [];
			// Domains are letters, digits, dots and hyphens only (identity.schemas.ts): no LIKE wildcard.
			const addressIn = (column: 'users.email' | 'invitations.email') =>
				sql<boolean>`(${sql.join(
					domains.map((domain) => sql`lower(${sql.ref(column)}) like ${`%@${domain}`}`),
					sql` or `
				)})`;
			const members = await db
				.selectFrom('memberships')
				.innerJoin('users', 'users.id', 'memberships.userId')
				.select('users.email')
				.where('memberships.organisationId', '<>', organisationId)
				.where(addressIn('users.email'))
				.execute();
			const invited = await db
				.selectFrom('invitations')
				.select('email')
				.where('organisationId', '<>', organisationId)
				.where('kind', '=', 'staff')
				.where('acceptedAt', 'is', null)
				.where('revokedAt', 'is', null)
				.where('expiresAt', '>', now)
				.where(addressIn('invitations.email'))
				.execute();
			const used = new Set([...members, ...invited].map((r) => domainOf(r.email)));
			return domains.filter((domain) => used.has(domain));
		},

		async save(provider: Omit<IdentityProvider, 'id'> & { id: string; now: string }): Promise<void> {
			const values = {
				discoveryUrl: provider.discoveryUrl,
				clientId: provider.clientId,
				clientSecret: provider.clientSecret,
				staffOnly: fromBoolean(provider.staffOnly),
				verifiesAddresses: fromBoolean(provider.verifiesAddresses),
				updatedAt: provider.now
			};
			const updated = await db
				.updateTable('identityProviders')
				.set(values)
				.where('id', '=', provider.id)
				.where('organisationId', '=', provider.organisationId)
				.executeTakeFirst();
			if (Number(updated.numUpdatedRows) === 0) {
				await db
					.insertInto('identityProviders')
					.values({ ...values, id: provider.id, organisationId: provider.organisationId, createdAt: provider.now })
					.execute();
			}
			await db.deleteFrom('identityProviderDomains').where('providerId', '=', provider.id).execute();
			await db
				.insertInto('identityProviderDomains')
				.values(provider.domains.map((domain) => ({ domain, providerId: provider.id, organisationId: provider.organisationId })))
				.execute();
		},

		async remove(organisationId: string): Promise<boolean> {
			const provider = await db
				.selectFrom('identityProviders')
				.select('id')
				.where('organisationId', '=', organisationId)
				.executeTakeFirst();
			if (!provider) return false;
			await db.deleteFrom('identityProviderDomains').where('providerId', '=', provider.id).execute();
			await db.deleteFrom('identityProviders').where('id', '=', provider.id).execute();
			return true;
		},

		/** The break-glass switch (operator CLI): password sign-in works again for this organisation. */
		async allowPasswords(organisationId: string, now: string): Promise<boolean> {
			const result = await db
				.updateTable('identityProviders')
				.set({ staffOnly: fromBoolean(false), updatedAt: now })
				.where('organisationId', '=', organisationId)
				.executeTakeFirst();
			return Number(result.numUpdatedRows) > 0;
		}
	};
}
