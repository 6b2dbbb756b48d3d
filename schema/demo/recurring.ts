import { localDate } from "../../workers/domain/time.ts";
import { ACME } from "./people.ts";
import type { Row } from "./sql.ts";

/**
 * One repeat booking: Ken Okafor (Northgate Motors) has parts run to the body shop every Monday
 * and Thursday at 9:00, New York time, from the day the demo was loaded. Its jobs are made by
 * the schedule (`workers/cron/recurring.ts`), two weeks ahead.
 */
export function demoRecurring(now: number): Array<[table: string, rows: Row[]]> {
	const template = {
		kind: "pickup_delivery",
		pickup: {
			address: { line1: "410 Route 17", city: "Paramus", region: "NJ", postalCode: "07652", country: "US" },
			contactName: "Parts desk",
			instructions: "Parts desk at the back",
		},
		dropoff: {
			address: {
				line1: "88 Industrial Ave",
				city: "Hackensack",
				region: "NJ",
				postalCode: "07601",
				country: "US",
			},
		},
		packageDescription: "Body-shop parts run",
		reference: "PARTS-RUN",
	};
	return [
		[
			"recurring_series",
			[
				{
					id: "rec_acme_ken_parts",
					tenant_id: ACME.id,
					account_id: "acc_acme_northgate",
					location_id: null,
					contact_id: "con_acme_ken",
					kind: "pickup_delivery",
					// What `toRRule({ every: "week", days: ["MO", "TH"], time: "09:00" })` gives.
					rrule: "FREQ=WEEKLY;BYDAY=MO,TH;BYHOUR=9;BYMINUTE=0;BYSECOND=0",
					starts_on: localDate(now, ACME.timezone),
					ends_on: null,
					duration_minutes: 120,
					template: JSON.stringify(template),
					source_job_id: null,
					paused_at: null,
					created_at: now,
					updated_at: now,
				},
			],
		],
	];
}
