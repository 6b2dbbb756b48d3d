import type { Locale } from "../../../schema/locales";
import type { Audience } from "../../../schema/tables/auth";

/** URL areas: /c customers, /d dispatch staff, /t technicians. */
export type Area = "c" | "d" | "t";

export const AREA_AUDIENCE: Record<Area, Audience> = { c: "customer", d: "staff", t: "technician" };

export const AUDIENCE_LABEL: Record<Audience, string> = {
	customer: "customer portal",
	staff: "dispatch console",
	technician: "technician app",
};

/** The signed-in person as every area's `/me` describes them. */
export type Me = {
	audience: Audience;
	id: string;
	name: string;
	email: string;
	role: string;
	accountId: string | null;
	accountName: string | null;
	/** The account location (branch) a contact belongs to. */
	locationId: string | null;
	/** The locations a contact is scoped to; empty: the whole account, as their role allows. */
	locationIds: string[];
	/** The language they chose; null: their browser's, else the tenant's default. */
	locale: Locale | null;
};

export const AUDIENCE_AREA: Record<Audience, Area> = { customer: "c", staff: "d", technician: "t" };

/** Who the audit log says acted, for a person of each audience. */
export const AUDIENCE_AUDIT_ACTOR = {
	customer: "contact",
	staff: "staff",
	technician: "technician",
} as const;
