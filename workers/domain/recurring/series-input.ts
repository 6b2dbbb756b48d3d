import { z } from "@hono/zod-openapi";
import { CalendarDate, WallClockTime } from "../../contracts/dates";
import { PickupDeliveryInput, ServiceCallInput } from "../jobs/booking-input";
import { WEEKDAYS } from "./rule";

const time = z
	.string()
	.regex(/^([01]\d|2[0-3]):[0-5]\d$/, "Choose a time of day, like 09:00.")
	.openapi({ example: "09:00", description: "Wall-clock time in the tenant's time zone" });

/** How a series repeats: every weekday, some days of each week, or one day of each month. */
export const RepeatInput = z
	.discriminatedUnion("every", [
		z.object({ every: z.literal("weekday"), time }),
		z.object({
			every: z.literal("week"),
			days: z
				.array(z.enum(WEEKDAYS))
				.min(1, "Choose at least one day of the week.")
				.max(7)
				.refine((d) => new Set(d).size === d.length, "Choose each day once."),
			time,
		}),
		z.object({
			every: z.literal("month"),
			dayOfMonth: z
				.number()
				.int()
				.min(1, "Choose a day from 1 to 28.")
				.max(28, "Choose a day from 1 to 28, so that every month has it."),
			time,
		}),
	])
	.openapi("Repeat");

/** The booking every occurrence becomes: the booking form's fields without its times. */
export const SeriesBookingInput = z
	.discriminatedUnion("kind", [
		PickupDeliveryInput.omit({ readyAt: true, deliverBy: true }).openapi("RecurringPickupDelivery"),
		ServiceCallInput.omit({ preferredFrom: true, preferredTo: true }).openapi("RecurringServiceCall"),
	])
	.openapi("RecurringBooking");
export type SeriesBookingInput = z.infer<typeof SeriesBookingInput>;

export const RecurringInput = z
	.object({
		repeat: RepeatInput,
		/** The first day an occurrence may fall on, in the tenant's zone. */
		startsOn: CalendarDate,
		endsOn: CalendarDate.optional(),
		/** Each job's window, from its occurrence. */
		durationMinutes: z
			.number()
			.int()
			.min(15, "Give each visit at least 15 minutes.")
			.max(720, "Give each visit at most 12 hours.")
			.default(120),
		booking: SeriesBookingInput,
		/** The past job this series repeats. */
		fromJobId: z.string().max(64).optional(),
	})
	.openapi("RecurringInput");
export type RecurringInput = z.infer<typeof RecurringInput>;

export const RecurringChangeInput = z
	.object({ paused: z.boolean({ error: "Say whether the series is paused (true or false)." }) })
	.openapi("RecurringChange");

export const SkipInput = z
	.object({
		occurrence: WallClockTime.openapi({
			description: "The occurrence to skip, as the series lists it (wall clock, tenant's zone)",
		}),
	})
	.openapi("RecurringSkip");
