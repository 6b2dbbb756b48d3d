import { z } from "@hono/zod-openapi";
import { CalendarDate, WallClockTime } from "../../contracts/dates";
import { parseEmail } from "../email";

/** Optional free text: trimmed, and an empty field counts as not given. */
export const optionalText = (max: number) =>
	z
		.string()
		.trim()
		.max(max, `Use at most ${max} characters.`)
		.optional()
		.transform((v) => v || undefined);

export const requiredText = (max: number, missing: string) =>
	z.string().trim().min(1, missing).max(max, `Use at most ${max} characters.`);

const phone = z
	.string()
	.trim()
	.max(40, "Use at most 40 characters.")
	.regex(/^$|^\+?[0-9 ().-]{7,40}$/, "Enter a phone number, like +1 212 555 0100.")
	.optional()
	.transform((v) => v || undefined);

export const localDateTime = WallClockTime.openapi({
	description: "Wall-clock time in the tenant's time zone",
});

export const localDate = CalendarDate.openapi({ description: "Date in the tenant's time zone" });

export const AddressInput = z.object({
	line1: requiredText(200, "Enter the street address."),
	line2: optionalText(200),
	city: requiredText(100, "Enter the city."),
	region: optionalText(100),
	postalCode: optionalText(20),
	country: z
		.string()
		.trim()
		.regex(/^[A-Za-z]{2}$/, "Use a two-letter country code.")
		.default("US")
		.transform((v) => v.toUpperCase()),
});

export const StopInput = z.object({
	/** A saved address or location of the customer's account this stop was picked from. */
	savedAddressId: z.string().max(64).optional(),
	address: AddressInput,
	contactName: optionalText(100),
	contactPhone: phone,
	instructions: optionalText(1000),
	/** Save this address for the account under this label. */
	saveAs: optionalText(60),
});

/** An email address to tell about the job, as typed (trimmed); 400 naming the field when it is not one. */
const notifyEmail = z
	.string()
	.trim()
	.max(254)
	.refine((v) => parseEmail(v).ok, "Enter an email address like name@example.com.");

/** Who else hears about the job: the site contact and up to 5 "also notify" addresses. */
const notifyFields = {
	siteContactEmail: notifyEmail.optional().or(z.literal("").transform(() => undefined)),
	alsoNotify: z.array(notifyEmail).max(5, "Add at most 5 addresses.").optional(),
};

export const PickupDeliveryInput = z
	.object({
		kind: z.literal("pickup_delivery"),
		pickup: StopInput,
		dropoff: StopInput,
		readyAt: localDateTime,
		deliverBy: localDateTime,
		packageDescription: requiredText(500, "Describe what we are picking up."),
		reference: optionalText(100),
		...notifyFields,
	})
	.openapi("PickupDeliveryBooking");

export const ServiceCallInput = z
	.object({
		kind: z.literal("service_call"),
		service: StopInput,
		preferredFrom: localDate,
		preferredTo: localDate,
		description: requiredText(2000, "Describe what needs doing."),
		reference: optionalText(100),
		...notifyFields,
	})
	.openapi("ServiceCallBooking");

export const BookingInput = z
	.discriminatedUnion("kind", [PickupDeliveryInput, ServiceCallInput])
	.openapi("Booking");

export type BookingInput = z.infer<typeof BookingInput>;
export type StopInput = z.infer<typeof StopInput>;
