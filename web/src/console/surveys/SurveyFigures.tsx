import type { z } from "zod";
import type { SurveyResultsSchema } from "../../../../workers/contracts/surveys";
import { categoryLabel } from "../../shared/survey/SurveyCard";
import { formatCalendarDay } from "../../shared/tenantTime";
import { Card } from "../../shared/ui/Card";

/** `GET /api/d/:slug/surveys`: a page of answers and the range's figures. */
export type Results = z.infer<typeof SurveyResultsSchema>;

/** "NPS +25" or "4.3 ★": a figure of the tenant's type, "—" without answers. */
function figure(type: Results["type"], value: number | null | undefined): string {
	if (value === null || value === undefined) return "—";
	return type === "nps" ? `${value > 0 ? "+" : ""}${value}` : `${value.toFixed(2)} ★`;
}

/** How long a bar is: NPS runs −100…100, stars 1…5. */
function barShare(type: Results["type"], value: number | null): number {
	if (value === null) return 0;
	return type === "nps" ? (value + 100) / 200 : (value - 1) / 4;
}

/** The range's figures: the headline, by week (with bars), by technician and by category. */
export function Figures({ results }: { results: Results }) {
	const { type } = results;
	const headline = type === "nps" ? results.nps : results.averageStars;
	return (
		<div class="survey-figures">
			<Card as="section" aria-labelledby="survey-headline">
				<h2 id="survey-headline" class="card-title">
					{type === "nps" ? "Net Promoter Score" : "Average rating"}
				</h2>
				<p class="survey-headline-value">{figure(type, headline)}</p>
				<p class="muted">
					{results.count} {results.count === 1 ? "answer" : "answers"}
					{type === "nps" ? " · promoters (9–10) minus detractors (0–6), in %" : " · 1 to 5 stars"}
				</p>
			</Card>
			<Card as="section" aria-labelledby="survey-weeks">
				<h2 id="survey-weeks" class="card-title">
					By week
				</h2>
				{results.weeks.length ? (
					<table class="survey-bars">
						<caption class="visually-hidden">{type === "nps" ? "NPS" : "Average stars"} by week</caption>
						<thead>
							<tr>
								<th scope="col">Week of</th>
								<th scope="col">{type === "nps" ? "NPS" : "Stars"}</th>
								<th scope="col">Answers</th>
							</tr>
						</thead>
						<tbody>
							{results.weeks.map((w) => (
								<tr key={w.weekStart}>
									<th scope="row">{formatCalendarDay(w.weekStart)}</th>
									<td>
										<span
											class="survey-bar"
											style={{ "--share": barShare(type, w.value) }}
											aria-hidden="true"
										/>
										{figure(type, w.value)}
									</td>
									<td>{w.count}</td>
								</tr>
							))}
						</tbody>
					</table>
				) : (
					<p class="muted">No answers in this range.</p>
				)}
			</Card>
			<Card as="section" aria-labelledby="survey-technicians">
				<h2 id="survey-technicians" class="card-title">
					By technician
				</h2>
				{results.technicians.length ? (
					<table class="survey-bars">
						<thead>
							<tr>
								<th scope="col">Technician</th>
								<th scope="col">{type === "nps" ? "NPS" : "Stars"}</th>
								<th scope="col">Answers</th>
							</tr>
						</thead>
						<tbody>
							{results.technicians.map((r) => (
								<tr key={r.technicianId ?? "none"}>
									<th scope="row">{r.technicianName ?? "No technician"}</th>
									<td>{figure(type, r.value)}</td>
									<td>{r.count}</td>
								</tr>
							))}
						</tbody>
					</table>
				) : (
					<p class="muted">No answers in this range.</p>
				)}
			</Card>
			<Card as="section" aria-labelledby="survey-categories">
				<h2 id="survey-categories" class="card-title">
					By category
				</h2>
				{results.categories.length ? (
					<table class="survey-bars">
						<thead>
							<tr>
								<th scope="col">Category</th>
								<th scope="col">Average</th>
								<th scope="col">Ratings</th>
							</tr>
						</thead>
						<tbody>
							{results.categories.map((c) => (
								<tr key={c.name}>
									<th scope="row">{categoryLabel(c.name)}</th>
									<td>
										{c.average.toFixed(2)} / {type === "nps" ? 10 : 5}
									</td>
									<td>{c.count}</td>
								</tr>
							))}
						</tbody>
					</table>
				) : (
					<p class="muted">No category ratings in this range.</p>
				)}
			</Card>
		</div>
	);
}
