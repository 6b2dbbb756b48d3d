import { z } from "@hono/zod-openapi";
import { contactRoles } from "../../schema/tables/accounts";
import { AddressInput, optionalText, requiredText } from "../domain/jobs/booking-input";
import { EmailField, SlugParam } from "./openapi";
import { IdParam, Instant } from "./staff";

/** The portal's account admin: colleagues, locations with their saved addresses, join requests. */

const LocationIds = z
	.array(z.string().min(1).max(64))
	.max(50, "Choose at most 50 locations.")
	.openapi({ description: "The locations the colleague is scoped to; empty: the whole account" });

const Role = z.enum(contactRoles).openapi({ example: "booker" });

export const InviteColleagueInput = z
	.object({
		email: EmailField,
		name: requiredText(100, "Enter their name."),
		role: Role,
		locationIds: LocationIds.optional(),
	})
	.openapi("InviteColleagueInput");

export const ChangeColleagueInput = z
	.object({
		role: Role.optional(),
		locationIds: LocationIds.optional(),
	})
	.openapi("ChangeColleagueInput");

export const LocationInput = z
	.object({
		name: requiredText(100, "Enter the location's name."),
		address: AddressInput,
		notes: optionalText(1000),
		defaultContactId: z.string().max(64).nullable().optional(),
	})
	.openapi("LocationInput");

export const LocationChangeInput = z
	.object({
		name: requiredText(100, "Enter the location's name.").optional(),
		address: AddressInput.optional(),
		notes: z.string().trim().max(1000, "Use at most 1000 characters.").nullable().optional(),
		defaultContactId: z.string().max(64).nullable().optional(),
	})
	.openapi("LocationChangeInput");

export const SavedAddressInput = z
	.object({
		label: requiredText(60, "Enter a label."),
		address: AddressInput,
		contactName: optionalText(100),
		contactPhone: optionalText(40),
		instructions: optionalText(1000),
	})
	.openapi("SavedAddressInput");

export const JoinRequestInput = z
	.object({ email: EmailField, name: requiredText(100, "Enter your name.") })
	.openapi("JoinRequestInput");

export const AccountIdParam = IdParam;
export { SlugParam };

const AddressSchema = z.object({
	line1: z.string(),
	line2: z.string().nullable(),
	city: z.string(),
	region: z.string().nullable(),
	postalCode: z.string().nullable(),
	country: z.string(),
});

export const ColleagueSchema = z
	.object({
		id: z.string(),
		name: z.string(),
		email: z.string(),
		role: Role,
		locationIds: z.array(z.string()),
		locationNames: z.array(z.string()),
		lastSignInAt: Instant.nullable(),
		blocked: z.boolean(),
		you: z.boolean(),
	})
	.openapi("Colleague");

export const SavedAddressSchema = z
	.object({
		id: z.string(),
		label: z.string(),
		address: AddressSchema,
		contactName: z.string().nullable(),
		contactPhone: z.string().nullable(),
		instructions: z.string().nullable(),
	})
	.openapi("AccountSavedAddress");

export const LocationSchema = z
	.object({
		id: z.string(),
		name: z.string(),
		address: AddressSchema,
		notes: z.string().nullable(),
		defaultContactId: z.string().nullable(),
		defaultContactName: z.string().nullable(),
		addresses: z.array(SavedAddressSchema),
	})
	.openapi("AccountLocation");

export const JoinRequestSchema = z
	.object({ id: z.string(), name: z.string(), email: z.string(), at: Instant })
	.openapi("JoinRequest");

export const AccountAdminSchema = z
	.object({
		account: z.object({ id: z.string(), name: z.string(), emailDomain: z.string().nullable() }),
		colleagues: z.array(ColleagueSchema),
		locations: z.array(LocationSchema),
		joinRequests: z.array(JoinRequestSchema),
	})
	.openapi("AccountAdmin");
