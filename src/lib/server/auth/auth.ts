import { betterAuth } from 'better-auth';
import { twoFactor } from 'better-auth/plugins/two-factor';
import type { Kysely } from 'kysely';
import type { Dialect } from '../db/database.ts';
import type { Logger } from '../shared/logger.ts';
import { newId } from '../shared/tokens.ts';
import { emailVerifiedClaim, isOrganisationProvider, organisationProviders, type OrganisationProviders } from './organisation-providers.ts';
import { hashPassword, verifyPassword } from './password.ts';

export interface AuthOptions {
	authDb: Kysely<any>;
	dialect: Dialect;
	secret: string;
	/** The public origin; links in mails and the Secure cookie flag follow from it. */
	baseUrl: string;
	logger: Logger;
	sendResetPassword(input: { userId: string; email: string; token: string }): Promise<void>;
	/** Organisations' own OpenID Connect providers (identity/, decision 018). */
	providers: OrganisationProviders;
}

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;

/**
 * Failed two-factor codes per account, from any address (decision 012): after this many in a row
 * the account's code step rests, the right code too; a right code resets the count. better-auth
 * keeps the count on the account's `two_factors` row.
 */
export const TWO_FACTOR_ACCOUNT_LOCK = { maxFailedAttempts: 10, durationSeconds: 15 * 60 } as const;
/**
 * Sessions end 12 hours after sign-in. Sign-in does not ask to be remembered (auth.usecases.ts,
 * `rememberMe: false`), so the cookie also ends when the browser closes and a session is not
 * extended by use: a shared laptop left signed in is signed out within a working day.
 */
const SESSION_SECONDS = 12 * 60 * 60;

const timestamps = { createdAt: 'created_at', updatedAt: 'updated_at' } as const;

/**
 * better-auth for staff accounts. Our own migrations create its tables with snake_case names
 * (mapped here); sign-up is closed (accounts come from invitations); sessions live in the
 * database with no cookie cache, so a deactivated user's sessions end at once on every
 * instance. Rate limiting is ours (shared/rate-limit.ts) because we call the API from form
 * actions, not through better-auth's HTTP router. See docs/decisions/002-authentication.md.
 */
/**
 * better-auth logs a provider callback it did not start (no state, a forged or expired one) as an
 * error. Anyone can send one, without an account, so here it is a warning: error lines are for
 * what the operator must look at.
 */
function isCallbackNobodyStarted(message: string, cause: Error | undefined): boolean {
	return message === 'State not found' || (message === 'Failed to parse state' && /^State /.test(cause?.message ?? ''));
}

export function createAuth(options: AuthOptions) {
	return betterAuth({
		appName: 'Tweespraak',
		baseURL: options.baseUrl,
		secret: options.secret,
		database: { db: options.authDb, type: options.dialect },
		telemetry: { enabled: false },
		// Into our JSON log at LOG_LEVEL, not as coloured text on the console. Only the message:
		// better-auth's extra arguments can hold user records (e-mail addresses).
		logger: {
			log: (level, message, ...args: unknown[]) => {
				const cause = args.find((arg): arg is Error => arg instanceof Error);
				options.logger[level === 'error' && isCallbackNobodyStarted(message, cause) ? 'warn' : level](
					{ event: 'auth.library', ...(cause && { err: { name: cause.name, message: cause.message } }) },
					`better-auth: ${message}`
				);
			}
		},
		rateLimit: { enabled: false },
		// A provider callback that fails before its own error address is known (no state, a forged
		// or expired one, a sign-in started in another browser) ends on the provider sign-in page with
		// a message, not on better-auth's /api/auth/error, which this app does not serve.
		onAPIError: { errorURL: `${options.baseUrl}/sign-in/provider` },
		trustedOrigins: [options.baseUrl],
		user: {
			modelName: 'users',
			fields: { emailVerified: 'email_verified', ...timestamps },
			additionalFields: {
				locale: { type: 'string', fieldName: 'locale', required: false, input: false, defaultValue: 'nl' }
			},
			// The gate for a provider sign-in: before an account is created, linked or signed in to.
			validateUserInfo: async ({ user, source }) => {
				const providerId = source.oauth?.providerId;
				if (source.method !== 'oauth' || !isOrganisationProvider(providerId)) return;
				// The raw claims: better-auth's own `emailVerified` cannot tell "not verified" from "not said".
				const emailVerified = emailVerifiedClaim(source.oauth?.profile ?? user);
				const error = await options.providers.refusal({ providerId, email: String(user.email ?? ''), emailVerified });
				return error ? { error } : undefined;
			}
		},
		session: {
			modelName: 'sessions',
			fields: { userId: 'user_id', expiresAt: 'expires_at', ipAddress: 'ip_address', userAgent: 'user_agent', ...timestamps },
			expiresIn: SESSION_SECONDS,
			updateAge: 60 * 60,
			cookieCache: { enabled: false },
			// Sensitive changes (turning two-factor off) ask for the password again instead.
			freshAge: 0
		},
		account: {
			modelName: 'accounts',
			// A provider's access and refresh tokens are kept only encrypted (Tweespraak never uses them).
			encryptOAuthTokens: true,
			fields: {
				accountId: 'account_id',
				providerId: 'provider_id',
				userId: 'user_id',
				accessToken: 'access_token',
				refreshToken: 'refresh_token',
				idToken: 'id_token',
				accessTokenExpiresAt: 'access_token_expires_at',
				refreshTokenExpiresAt: 'refresh_token_expires_at',
				...timestamps
			}
		},
		verification: {
			modelName: 'verifications',
			fields: { expiresAt: 'expires_at', ...timestamps }
		},
		emailAndPassword: {
			enabled: true,
			disableSignUp: true,
			minPasswordLength: PASSWORD_MIN_LENGTH,
			maxPasswordLength: PASSWORD_MAX_LENGTH,
			resetPasswordTokenExpiresIn: 60 * 60,
			revokeSessionsOnPasswordReset: true,
			password: { hash: (password) => hashPassword(password), verify: (input) => verifyPassword(input) },
			sendResetPassword: async ({ user, token }) => {
				await options.sendResetPassword({ userId: user.id, email: user.email, token });
			}
		},
		advanced: {
			cookiePrefix: 'tweespraak',
			useSecureCookies: options.baseUrl.startsWith('https://'),
			defaultCookieAttributes: { httpOnly: true, sameSite: 'lax' },
			database: { generateId: () => newId() }
		},
		plugins: [
			organisationProviders(options.providers),
			twoFactor({
				issuer: 'Tweespraak',
				accountLockout: { enabled: true, ...TWO_FACTOR_ACCOUNT_LOCK },
				schema: {
					user: { fields: { twoFactorEnabled: 'two_factor_enabled' } },
					twoFactor: {
						modelName: 'two_factors',
						fields: {
							backupCodes: 'backup_codes',
							userId: 'user_id',
							failedVerificationCount: 'failed_verification_count',
							lockedUntil: 'locked_until'
						}
					}
				}
			})
		]
	});
}

export type Auth = ReturnType<typeof createAuth>;
