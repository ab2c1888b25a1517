/** Column types shared by every area of the schema (see ../schema.ts). */
export type Timestamp = string;
export type StoredBoolean = boolean | number;

export type Role = 'admin' | 'teamLead' | 'professional' | 'trajectoryCoordinator' | 'privacyOfficer';
export type TeamRole = 'member' | 'lead';
export type MembershipStatus = 'active' | 'deactivated';
export type Locale = 'nl' | 'en';
