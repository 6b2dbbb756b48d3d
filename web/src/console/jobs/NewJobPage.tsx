import { ArrowLeft, Plus } from "lucide";
import { useId, useRef, useState } from "preact/hooks";
import { useLocation } from "preact-iso";
import { BookingSections } from "../../portal/booking/BookingSections";
import {
	BOOKING_FIELDS,
	type BookingDraft,
	type BookingField,
	bookingBody,
	bookingFieldFor,
	fieldId,
	newDraft,
} from "../../portal/booking/bookingDraft";
import { KindChoice } from "../../portal/booking/KindChoice";
import "../../portal/booking/booking.css";
import { ErrorSummary } from "../../shared/ErrorSummary";
import { FormError } from "../../shared/fields";
import { Button } from "../../shared/ui/Button";
import { Icon } from "../../shared/ui/Icon";
import { PageHeader } from "../../shared/ui/PageHeader";
import { useApiForm } from "../../shared/useApiForm";
import { useResource } from "../../shared/useResource";
import { type ConsoleContext, ConsolePage, type ConsoleRouteProps } from "../ConsolePage";
import { consolePath, sendJson, staffPath } from "../consoleApi";
import type { Directory } from "../customers/customerTypes";
import {
	CUSTOMER_FIELDS,
	type CustomerChoice,
	type CustomerField,
	CustomerPicker,
	customerBody,
	customerFieldId,
	emptyCustomer,
} from "./CustomerPicker";
import { jobPagePath, type StaffJob } from "./staffJob";

type Field = BookingField | CustomerField;

const fieldFor = (issue: string): Field | undefined =>
	CUSTOMER_FIELDS.find((f) => f === issue || issue === "customer") ?? bookingFieldFor(issue);

/** Checks only the browser can make before sending; the server checks the rest with the portal's rules. */
function missingCustomer(c: CustomerChoice): Partial<Record<Field, string>> {
	if (c.contactId) return {};
	const errors: Partial<Record<Field, string>> = {};
	if (!c.name.trim()) errors["customer.name"] = "Enter the customer's name.";
	if (!c.email.trim()) errors["customer.email"] = "Enter the customer's email.";
	return errors;
}

function NewJob({ slug, branding }: ConsoleContext) {
	const idPrefix = useId();
	const { route } = useLocation();
	const kinds = branding.jobKinds;
	const [draft, setDraft] = useState<BookingDraft>(() =>
		newDraft(kinds[0] ?? "pickup_delivery", branding.timezone, Date.now()),
	);
	const [customer, setCustomer] = useState<CustomerChoice>(emptyCustomer);
	// One key per form: a double click or a retry makes one job.
	const key = useRef(crypto.randomUUID());
	const directory = useResource<Directory>(staffPath(slug, "/customers"));
	const form = useApiForm<Field>(fieldFor);

	async function create(event: Event) {
		event.preventDefault();
		const missing = missingCustomer(customer);
		if (Object.keys(missing).length) {
			form.showErrors(missing);
			return;
		}
		await form.submit(async () => {
			const job = await sendJson<StaffJob>(
				slug,
				"/jobs",
				"POST",
				{ ...bookingBody(draft), customer: customerBody(customer) },
				{ "Idempotency-Key": key.current },
			);
			route(consolePath(slug, `${jobPagePath(job.id)}?created=1`));
		});
	}

	const problems = [...CUSTOMER_FIELDS, ...BOOKING_FIELDS].flatMap((field) => {
		const message = form.errors[field];
		if (!message) return [];
		const id = field.startsWith("customer.")
			? customerFieldId(idPrefix, field as CustomerField)
			: fieldId(idPrefix, field as BookingField);
		return [{ fieldId: id, message }];
	});
	const sectionProps = {
		idPrefix,
		choices: [],
		errors: form.errors,
		readOnly: form.submitting,
		saveLabel: "Save this address to the customer's account",
	};
	const directoryData = "data" in directory.state ? directory.state.data : undefined;

	return (
		<form ref={form.formRef} class="booking-form job-form" noValidate onSubmit={create}>
			<PageHeader
				back={
					<a class="link-target back-link" href={consolePath(slug)}>
						<Icon icon={ArrowLeft} size={16} />
						Back to the board
					</a>
				}
				title="New job"
				description="It goes to Unassigned on the board, and the customer gets the confirmation email."
			/>
			<ErrorSummary problems={problems} />
			{directory.state.status === "error" ? (
				<p class="notice notice-error">
					We couldn't load your customers; type the customer's name and email instead.
				</p>
			) : null}
			<CustomerPicker
				idPrefix={idPrefix}
				directory={directoryData}
				value={customer}
				errors={form.errors}
				readOnly={form.submitting}
				onChange={setCustomer}
			/>
			<KindChoice
				idPrefix={idPrefix}
				legend="What is it?"
				kinds={kinds}
				value={draft.kind}
				disabled={form.submitting}
				onChange={(kind) => setDraft({ ...draft, kind })}
			/>
			<BookingSections {...sectionProps} draft={draft} timeZone={branding.timezone} onChange={setDraft} />
			<p class="notice-live" role="status">
				{form.submitting ? "Creating the job…" : ""}
			</p>
			<FormError message={form.formError} />
			<div class="actions">
				<Button type="submit" icon={Plus} disabled={form.submitting}>
					Create job
				</Button>
				<Button variant="ghost" href={consolePath(slug)}>
					Cancel
				</Button>
			</div>
		</form>
	);
}

/** `/d/:slug/jobs/new`: a dispatcher types a job, with the portal booking's fields and checks. */
export function NewJobPage({ slug, branding }: ConsoleRouteProps) {
	return (
		<ConsolePage slug={slug} branding={branding} title="New job">
			{(context) => <NewJob {...context} />}
		</ConsolePage>
	);
}
