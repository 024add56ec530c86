import type { ExcludedComplaint } from '../core/reports/complaint-facts.ts';
import type { ComplaintsMeasures, TenantSatisfactionMeasures } from '../core/reports/tsm.ts';
import { describeBreach } from '../core/case/complaint.ts';

const perThousand = (n: number | null) => (n === null ? 'no homes' : n.toFixed(1));
const percent = (n: number | null) => (n === null ? 'none responded to' : `${n.toFixed(1)}%`);

function measureLines(label: string, m: ComplaintsMeasures): string[] {
  return [
    `${label}`,
    `  CH01 stage 1 complaints per 1,000 homes   ${perThousand(m.CH01.stage1.perThousandHomes).padStart(8)}   (${m.CH01.stage1.complaints} received, ${m.CH01.stage1.homes} homes)`,
    `  CH01 stage 2 complaints per 1,000 homes   ${perThousand(m.CH01.stage2.perThousandHomes).padStart(8)}   (${m.CH01.stage2.complaints} received)`,
    `  CH02 stage 1 responded within the Code    ${percent(m.CH02.stage1.percent).padStart(8)}   (${m.CH02.stage1.withinTimescale} of ${m.CH02.stage1.responses} responses)`,
    `  CH02 stage 2 responded within the Code    ${percent(m.CH02.stage2.percent).padStart(8)}   (${m.CH02.stage2.withinTimescale} of ${m.CH02.stage2.responses} responses)`,
  ];
}

/** The regulator's complaints measures as text a complaints manager can check and copy into the return. */
export function formatTenantSatisfactionMeasures(heading: string, tsm: TenantSatisfactionMeasures, excluded: readonly ExcludedComplaint[]): string {
  const split = tsm.byTenure
    ? [
        '',
        ...measureLines('Low-cost rental accommodation (LCRA)', tsm.byTenure.LCRA),
        '',
        ...measureLines('Low-cost home ownership (LCHO)', tsm.byTenure.LCHO),
        ...(tsm.byTenure.tenureNotRecorded > 0 ? ['', `${tsm.byTenure.tenureNotRecorded} complaint(s) counted above have no tenure recorded, so are in neither group.`] : []),
      ]
    : [];
  const readings = tsm.readings;
  return [
    heading,
    `Reporting year ${tsm.year.label}: ${tsm.year.startsOn} to ${tsm.year.endsOn} (Europe/London)`,
    '',
    ...measureLines('All homes', tsm),
    ...split,
    '',
    `Readings (docs/reports.md): extended responses ${readings.extendedResponses}; declined complaints ${readings.declinedCountAsReceived ? 'counted' : 'not counted'} as received; withdrawn complaints ${readings.withdrawnCountAsReceived ? 'counted' : 'not counted'} as received.`,
    ...(excluded.length > 0
      ? ['', `${excluded.length} complaint(s) left out: their events break the case rules.`, ...excluded.map((e) => `  ${e.complaintRef}: ${describeBreach(e.breach, { eventNumbers: true })}`)]
      : []),
    '',
  ].join('\n');
}
