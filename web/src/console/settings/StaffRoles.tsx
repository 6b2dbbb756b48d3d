import { useId, useState } from "preact/hooks";
import { SelectField } from "../../shared/fields";
import { ErrorState } from "../../shared/ui/ErrorState";
import { Skeleton, SkeletonBlock } from "../../shared/ui/Skeleton";
import { useApiForm } from "../../shared/useApiForm";
import { useResource } from "../../shared/useResource";
import { sendJson, staffPath } from "../consoleApi";
import { DataTable } from "../DataTable";
import { FormFooter } from "../FormFooter";
import { missingPersonFields, PersonFields } from "../PersonFields";
import { ActionError, useStaffAction } from "../staffAction";
import type { StaffMember } from "./settingsTypes";

const ROLES: Array<{ role: StaffMember["role"]; label: string }> = [
	{ role: "dispatcher", label: "Dispatcher" },
	{ role: "admin", label: "Admin (also settings)" },
];

function RoleSelect({
	slug,
	member,
	meId,
	onSaved,
}: {
	slug: string;
	member: StaffMember;
	meId: string;
	onSaved: (m: StaffMember) => void;
}) {
	const id = useId();
	const [role, setRole] = useState(member.role);
	const { pending, error, run } = useStaffAction("role");

	async function save(event: Event) {
		event.preventDefault();
		await run(async () =>
			onSaved(
				await sendJson<StaffMember>(slug, `/staff/${encodeURIComponent(member.id)}`, "PATCH", { role }),
			),
		);
	}

	return (
		<form class="assign-row" onSubmit={save}>
			<label class="visually-hidden" for={`${id}-role`}>
				Role of {member.name}
			</label>
			<select
				id={`${id}-role`}
				class="field-input"
				value={role}
				disabled={pending || member.id === meId}
				aria-invalid={error ? "true" : undefined}
				aria-describedby={error ? `${id}-error` : undefined}
				onChange={(e) => setRole(e.currentTarget.value === "admin" ? "admin" : "dispatcher")}
			>
				{ROLES.map((r) => (
					<option key={r.role} value={r.role}>
						{r.label}
					</option>
				))}
			</select>
			{member.id === meId ? null : (
				<button
					type="submit"
					class="ui-button ui-button-primary ui-button-sm"
					disabled={pending || role === member.role}
				>
					Save<span class="visually-hidden"> role of {member.name}</span>
				</button>
			)}
			<ActionError id={`${id}-error`} error={error} />
		</form>
	);
}

type Field = "name" | "email" | "role";

function AddStaff({ slug, onAdded }: { slug: string; onAdded: (m: StaffMember) => void }) {
	const id = useId();
	const [values, setValues] = useState({ name: "", email: "", role: "dispatcher" });
	const form = useApiForm<Field>((f) => (["name", "email", "role"] as const).find((x) => x === f));

	async function add(event: Event) {
		event.preventDefault();
		const missing = missingPersonFields(values);
		if (Object.keys(missing).length) return form.showErrors(missing);
		await form.submit(async () => {
			onAdded(await sendJson<StaffMember>(slug, "/staff", "POST", values));
			setValues({ name: "", email: "", role: "dispatcher" });
		});
	}

	return (
		<form ref={form.formRef} class="stack staff-add" noValidate onSubmit={add} aria-labelledby={`${id}-h`}>
			<h3 id={`${id}-h`}>Add a staff member</h3>
			<PersonFields
				id={id}
				values={values}
				errors={form.errors}
				submitting={form.submitting}
				onInput={(field, value) => setValues({ ...values, [field]: value })}
				signsInTo="the console"
			/>
			<SelectField
				id={`${id}-role`}
				label="Role"
				value={values.role}
				disabled={form.submitting}
				onChange={(e) => setValues({ ...values, role: e.currentTarget.value })}
				error={form.errors.role}
			>
				{ROLES.map((r) => (
					<option key={r.role} value={r.role}>
						{r.label}
					</option>
				))}
			</SelectField>
			<FormFooter error={form.formError} submitting={form.submitting} label="Add staff member" />
		</form>
	);
}

/** Who works in the console and whether they may change settings. */
export function StaffRoles({ slug, meId }: { slug: string; meId: string }) {
	const { state, replace, reload } = useResource<StaffMember[]>(staffPath(slug, "/staff"));
	const list = "data" in state ? state.data : undefined;
	const upsert = (m: StaffMember) =>
		replace([...(list ?? []).filter((x) => x.id !== m.id), m].sort((a, b) => a.name.localeCompare(b.name)));
	return (
		<section class="panel" aria-labelledby="staff-heading">
			<h2 id="staff-heading">Staff and roles</h2>
			{state.status === "error" ? (
				<ErrorState
					title="We couldn't load your staff"
					message={state.message}
					headingLevel={3}
					onRetry={() => void reload()}
				/>
			) : null}
			{!list ? (
				state.status === "loading" ? (
					<SkeletonBlock label="Loading staff…">
						<Skeleton width="80%" />
						<Skeleton width="70%" />
					</SkeletonBlock>
				) : null
			) : (
				<DataTable columns={["Name", "Email", "Role"]}>
					{list.map((m) => (
						<tr key={m.id}>
							<td>
								{m.name}
								{m.id === meId ? <span class="muted"> (you)</span> : null}
							</td>
							<td class="break-anywhere">{m.email}</td>
							<td>
								<RoleSelect slug={slug} member={m} meId={meId} onSaved={upsert} />
							</td>
						</tr>
					))}
				</DataTable>
			)}
			<AddStaff slug={slug} onAdded={upsert} />
		</section>
	);
}
