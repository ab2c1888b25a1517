/** Column types shared by every area of the schema (see ../schema.ts). */
export type Timestamp = string;
export type StoredBoolean = boolean | number;

export type Role = 'admin' | 'teamLead' | 'professional' | 'trajectoryCoordinator' | 'privacyOfficer';
export type TeamRole = 'member' | 'lead';
export type MembershipStatus = 'active' | 'deactivated';
/** A staff member's language (the staff pages). */
export type Locale = 'nl' | 'en';
/** A participant's language: the client pages and mails (src/lib/locales.ts). */
export type ClientLocale = 'nl' | 'en' | 'ar' | 'tr' | 'pl' | 'uk';
