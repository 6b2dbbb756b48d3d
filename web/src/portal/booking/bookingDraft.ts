import { stopKinds } from "../../../../schema/job-values";
import { addDays, defaultPickupTimes, localDate } from "../../shared/tenantTime";
import type { JobDetail, JobKind, JobStop, Place, StopKind } from "../customerApi";

/** One stop as the form holds it: every field a string, as typed. */
export type StopDraft = {
	/** The "Saved addresses" choice: "", "location:<id>", "saved:<id>" or "recent:<n>". */
	choice: string;
	savedAddressId: string;
	line1: string;
	line2: string;
	city: string;
	region: string;
	postalCode: string;
	country: string;
	contactName: string;
	contactPhone: string;
	instructions: string;
	save: boolean;
	saveAs: string;
};

export type BookingDraft = {
	kind: JobKind;
	pickup: StopDraft;
	dropoff: StopDraft;
	service: StopDraft;
	readyAt: string;
	deliverBy: string;
	packageDescription: string;
	preferredFrom: string;
	preferredTo: string;
	description: string;
	reference: string;
	/** Who is on site, to be told too; and more addresses, one per line or comma-separated. */
	siteContactEmail?: string;
	alsoNotify?: string;
};

const STOP_INPUTS = [
	"savedAddressId",
	"address.line1",
	"address.line2",
	"address.city",
	"address.region",
	"address.postalCode",
	"contactName",
	"contactPhone",
	"instructions",
	"saveAs",
] as const;

export type StopInput = (typeof STOP_INPUTS)[number];

/** A form field, named by the dotted path the API uses for it in validation issues. */
export type BookingField =
	| `${StopKind}.${StopInput}`
	| "readyAt"
	| "deliverBy"
	| "packageDescription"
	| "preferredFrom"
	| "preferredTo"
	| "description"
	| "reference"
	| "siteContactEmail"
	| "alsoNotify";

/** Every field, in the order the form shows them. */
export const BOOKING_FIELDS: BookingField[] = [
	...stopKinds.flatMap((role) => STOP_INPUTS.map((input): BookingField => `${role}.${input}`)),
	"readyAt",
	"deliverBy",
	"packageDescription",
	"preferredFrom",
	"preferredTo",
	"description",
	"reference",
	"siteContactEmail",
	"alsoNotify",
];

/** The form field an issue belongs to: the field itself, or the first one inside it ("pickup.address"). */
export function bookingFieldFor(issueField: string): BookingField | undefined {
	// Each also-notify address is an issue of its own (`alsoNotify.2`); they share one field.
	if (issueField.startsWith("alsoNotify")) return "alsoNotify";
	return BOOKING_FIELDS.find((field) => field === issueField || field.startsWith(`${issueField}.`));
}

/** The element id of a field's control: the error summary links to it. */
export const fieldId = (idPrefix: string, field: BookingField) => `${idPrefix}-${field.replaceAll(".", "-")}`;

export const emptyStop = (): StopDraft => ({
	choice: "",
	savedAddressId: "",
	line1: "",
	line2: "",
	city: "",
	region: "",
	postalCode: "",
	country: "US",
	contactName: "",
	contactPhone: "",
	instructions: "",
	save: false,
	saveAs: "",
});

/** A fresh form: empty stops, default times in the tenant's zone. */
export function newDraft(kind: JobKind, timeZone: string, now: number): BookingDraft {
	const today = localDate(now, timeZone);
	return {
		kind,
		pickup: emptyStop(),
		dropoff: emptyStop(),
		service: emptyStop(),
		...defaultPickupTimes(now, timeZone),
		packageDescription: "",
		preferredFrom: today,
		preferredTo: addDays(today, 2),
		description: "",
		reference: "",
		siteContactEmail: "",
		alsoNotify: "",
	};
}

type Address = Pick<Place, "line1" | "line2" | "city" | "region" | "postalCode" | "country">;

/** The stop's address and contact taken from a place; `choice` says which one was picked. */
export function stopFromPlace(
	place: Address & Partial<Place>,
	choice: string,
	savedAddressId = "",
): StopDraft {
	return {
		...emptyStop(),
		choice,
		savedAddressId,
		line1: place.line1,
		line2: place.line2 ?? "",
		city: place.city,
		region: place.region ?? "",
		postalCode: place.postalCode ?? "",
		country: place.country || "US",
		contactName: place.contactName ?? "",
		contactPhone: place.contactPhone ?? "",
		instructions: place.instructions ?? "",
	};
}

/** The "Saved addresses" choices of an account, grouped; locations and saved ones carry their id. */
export function placeChoices(places: { locations: Place[]; saved: Place[]; recent: Place[] }) {
	return [
		{
			group: "locations" as const,
			options: places.locations.map((p) => ({ value: `location:${p.id}`, place: p })),
		},
		{ group: "saved" as const, options: places.saved.map((p) => ({ value: `saved:${p.id}`, place: p })) },
		{ group: "recent" as const, options: places.recent.map((p, i) => ({ value: `recent:${i}`, place: p })) },
	].filter((g) => g.options.length > 0);
}

const sameAddress = (a: Address, b: Address) =>
	a.line1.trim().toLowerCase() === b.line1.trim().toLowerCase() &&
	a.city.trim().toLowerCase() === b.city.trim().toLowerCase() &&
	(a.postalCode ?? "") === (b.postalCode ?? "");

/** A job's stop for "Book again": picked from the account's places when it is one of them. */
function stopFromJob(stop: JobStop | undefined, choices: ReturnType<typeof placeChoices>): StopDraft {
	if (!stop) return emptyStop();
	const known = choices
		.flatMap((g) => g.options)
		.find((o) => o.place.id !== null && sameAddress(o.place, stop));
	const draft = stopFromPlace(stop, known?.value ?? "", known?.place.id ?? "");
	// The job's own contact and instructions, not the saved address's.
	return {
		...draft,
		contactName: stop.contactName ?? "",
		contactPhone: stop.contactPhone ?? "",
		instructions: stop.instructions ?? "",
	};
}

/** "Book again": the job's stops, package or description and reference, with new default times. */
export function draftFromJob(
	job: JobDetail,
	kind: JobKind,
	choices: ReturnType<typeof placeChoices>,
	timeZone: string,
	now: number,
): BookingDraft {
	const stop = (k: string) =>
		stopFromJob(
			job.stops.find((s) => s.kind === k),
			choices,
		);
	return {
		...newDraft(kind, timeZone, now),
		pickup: stop("pickup"),
		dropoff: stop("dropoff"),
		service: stop("service"),
		packageDescription: job.packageDescription ?? "",
		description: job.description ?? "",
		reference: job.reference ?? "",
	};
}

const optional = (value: string) => (value.trim() ? value : undefined);

function stopBody(stop: StopDraft) {
	return {
		savedAddressId: optional(stop.savedAddressId),
		address: {
			line1: stop.line1,
			line2: optional(stop.line2),
			city: stop.city,
			region: optional(stop.region),
			postalCode: optional(stop.postalCode),
			country: optional(stop.country),
		},
		contactName: optional(stop.contactName),
		contactPhone: optional(stop.contactPhone),
		instructions: optional(stop.instructions),
		saveAs: stop.save ? optional(stop.saveAs) : undefined,
	};
}

/** The `POST /bookings` body for the draft's kind. */
export function bookingBody(draft: BookingDraft) {
	const reference = optional(draft.reference);
	const told = {
		siteContactEmail: optional(draft.siteContactEmail ?? ""),
		alsoNotify: alsoNotifyList(draft.alsoNotify ?? ""),
	};
	if (draft.kind === "service_call") {
		return {
			kind: draft.kind,
			service: stopBody(draft.service),
			preferredFrom: draft.preferredFrom,
			preferredTo: draft.preferredTo,
			description: draft.description,
			reference,
			...told,
		};
	}
	return {
		kind: draft.kind,
		pickup: stopBody(draft.pickup),
		dropoff: stopBody(draft.dropoff),
		readyAt: draft.readyAt,
		deliverBy: draft.deliverBy,
		packageDescription: draft.packageDescription,
		reference,
		...told,
	};
}

/** The also-notify addresses typed one per line or separated by commas or spaces; none: left out. */
export function alsoNotifyList(typed: string): string[] | undefined {
	const list = typed
		.split(/[\s,;]+/)
		.map((a) => a.trim())
		.filter(Boolean);
	return list.length ? list : undefined;
}
