import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { addressColumns, createdAt, id, instant, tenantId } from "../columns";
import { locales } from "../locales";

/** A customer company (law firm, clinic) or a residential household. */
export const accounts = sqliteTable(
	"accounts",
	{
		id: id(),
		tenantId: tenantId(),
		name: text("name").notNull(),
		kind: text("kind", { enum: ["commercial", "residential"] })
			.notNull()
			.default("commercial"),
		phone: text("phone"),
		/** The email domain of the account's people ("clinic.example"): who may ask to join it. */
		emailDomain: text("email_domain"),
		createdAt: createdAt(),
	},
	(t) => [
		index("accounts_tenant_name_id_idx").on(t.tenantId, t.name, t.id),
		index("accounts_tenant_domain_idx").on(t.tenantId, t.emailDomain),
	],
);

/** A branch office of an account, with its own saved addresses. */
export const locations = sqliteTable(
	"locations",
	{
		id: id(),
		tenantId: tenantId(),
		accountId: text("account_id").notNull(),
		name: text("name").notNull(),
		...addressColumns(),
		/** The contact the dispatcher calls about this location's jobs. */
		defaultContactId: text("default_contact_id"),
		notes: text("notes"),
		createdAt: createdAt(),
	},
	(t) => [
		index("locations_tenant_account_idx").on(t.tenantId, t.accountId),
		index("locations_tenant_name_id_idx").on(t.tenantId, t.name, t.id),
	],
);

export const contactRoles = ["admin", "booker", "billing", "viewer"] as const;
export type ContactRole = (typeof contactRoles)[number];

/**
 * Notification choices per contact; absent keys mean "on". Keys are the stages of
 * `notifyStages`; `onTheWay` is the older spelling of `on_the_way`, still read.
 */
export type NotifyPrefsJson = Partial<
	Record<
		| "booked"
		| "scheduled"
		| "on_the_way"
		| "onTheWay"
		| "arriving"
		| "paused"
		| "completed"
		| "cancelled"
		| "estimate"
		| "invoice",
		boolean
	>
>;

/** A person who signs in to the portal. The same email at two tenants is two rows, unrelated. */
export const contacts = sqliteTable(
	"contacts",
	{
		id: id(),
		tenantId: tenantId(),
		accountId: text("account_id"),
		/** The contact's first location: where their bookings go by default. Their scope is `contact_locations`. */
		locationId: text("location_id"),
		name: text("name").notNull().default(""),
		email: text("email").notNull(),
		emailNormalized: text("email_normalized").notNull(),
		phone: text("phone"),
		role: text("role", { enum: contactRoles }).notNull().default("booker"),
		/** The language the contact chose; null: their browser's, else the tenant's default. */
		locale: text("locale", { enum: locales }),
		notifyPrefs: text("notify_prefs", { mode: "json" }).$type<NotifyPrefsJson>().notNull().default({}),
		blockedAt: instant("blocked_at"),
		blockedBy: text("blocked_by"),
		lastSignInAt: instant("last_sign_in_at"),
		createdAt: createdAt(),
	},
	(t) => [
		uniqueIndex("contacts_tenant_email_uq").on(t.tenantId, t.emailNormalized),
		index("contacts_tenant_account_idx").on(t.tenantId, t.accountId),
		index("contacts_tenant_name_email_idx").on(t.tenantId, t.name, t.email),
	],
);

/** Saved pickup/service addresses of an account (optionally of one location). */
export const savedAddresses = sqliteTable(
	"saved_addresses",
	{
		id: id(),
		tenantId: tenantId(),
		accountId: text("account_id").notNull(),
		locationId: text("location_id"),
		label: text("label").notNull(),
		...addressColumns(),
		contactName: text("contact_name"),
		contactPhone: text("contact_phone"),
		instructions: text("instructions"),
		createdByContactId: text("created_by_contact_id"),
		lastUsedAt: instant("last_used_at"),
		useCount: integer("use_count").notNull().default(0),
		createdAt: createdAt(),
	},
	(t) => [index("saved_addresses_tenant_account_idx").on(t.tenantId, t.accountId, t.label)],
);

/**
 * An address a contact booked to or from, once per address (`address_key`: its first line and
 * city, trimmed and lower-cased as SQLite's lower() does), with the details of its last use:
 * the booking form's "recent" list, read newest first without walking old jobs' stops.
 */
export const recentPlaces = sqliteTable(
	"recent_places",
	{
		tenantId: tenantId(),
		contactId: text("contact_id").notNull(),
		addressKey: text("address_key").notNull(),
		...addressColumns(),
		contactName: text("contact_name"),
		contactPhone: text("contact_phone"),
		instructions: text("instructions"),
		lastUsedAt: instant("last_used_at").notNull(),
	},
	(t) => [
		primaryKey({ columns: [t.tenantId, t.contactId, t.addressKey] }),
		index("recent_places_tenant_contact_used_idx").on(t.tenantId, t.contactId, t.lastUsedAt),
	],
);

/** The locations a contact is scoped to (none: the whole account, as their role allows). */
export const contactLocations = sqliteTable(
	"contact_locations",
	{
		tenantId: tenantId(),
		contactId: text("contact_id").notNull(),
		locationId: text("location_id").notNull(),
	},
	(t) => [
		primaryKey({ columns: [t.contactId, t.locationId] }),
		index("contact_locations_tenant_location_idx").on(t.tenantId, t.locationId),
	],
);

export const joinRequestStatuses = ["pending", "approved", "declined"] as const;

/** Someone whose email domain matches an account's, asking its admins to let them in. */
export const joinRequests = sqliteTable(
	"join_requests",
	{
		id: id(),
		tenantId: tenantId(),
		accountId: text("account_id").notNull(),
		name: text("name").notNull().default(""),
		email: text("email").notNull(),
		emailNormalized: text("email_normalized").notNull(),
		status: text("status", { enum: joinRequestStatuses }).notNull().default("pending"),
		decidedByContactId: text("decided_by_contact_id"),
		decidedAt: instant("decided_at"),
		createdAt: createdAt(),
	},
	(t) => [
		index("join_requests_tenant_account_idx").on(t.tenantId, t.accountId, t.status),
		uniqueIndex("join_requests_tenant_email_uq").on(t.tenantId, t.emailNormalized),
	],
);
