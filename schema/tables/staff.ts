import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { createdAt, id, instant, tenantId } from "../columns";
import { locales } from "../locales";

export const staffRoles = ["dispatcher", "admin"] as const;
export type StaffRole = (typeof staffRoles)[number];

/** Dispatchers and admins who use the console at /d/:slug. */
export const staff = sqliteTable(
	"staff",
	{
		id: id(),
		tenantId: tenantId(),
		name: text("name").notNull(),
		email: text("email").notNull(),
		emailNormalized: text("email_normalized").notNull(),
		role: text("role", { enum: staffRoles }).notNull().default("dispatcher"),
		/** The language they chose; null: their browser's, else the tenant's default. */
		locale: text("locale", { enum: locales }),
		/** Customer actions this person gets an email for (`booking`, `note`, `estimate_decision`, `payment`); absent: off. */
		notifyPrefs: text("notify_prefs", { mode: "json" })
			.$type<Partial<Record<"booking" | "note" | "estimate_decision" | "payment", boolean>>>()
			.notNull()
			.default({}),
		disabledAt: instant("disabled_at"),
		lastSignInAt: instant("last_sign_in_at"),
		createdAt: createdAt(),
	},
	(t) => [uniqueIndex("staff_tenant_email_uq").on(t.tenantId, t.emailNormalized)],
);

/** Drivers and field technicians who use /t/:slug. Customers see the bio only once approved. */
export const technicians = sqliteTable(
	"technicians",
	{
		id: id(),
		tenantId: tenantId(),
		name: text("name").notNull(),
		email: text("email").notNull(),
		emailNormalized: text("email_normalized").notNull(),
		phone: text("phone"),
		photoUrl: text("photo_url"),
		bio: text("bio"),
		bioApprovedAt: instant("bio_approved_at"),
		bioApprovedBy: text("bio_approved_by"),
		/** The language they chose; null: their browser's, else the tenant's default. */
		locale: text("locale", { enum: locales }),
		active: integer("active", { mode: "boolean" }).notNull().default(true),
		lastSignInAt: instant("last_sign_in_at"),
		createdAt: createdAt(),
	},
	(t) => [
		uniqueIndex("technicians_tenant_email_uq").on(t.tenantId, t.emailNormalized),
		index("technicians_tenant_name_id_idx").on(t.tenantId, t.name, t.id),
	],
);
