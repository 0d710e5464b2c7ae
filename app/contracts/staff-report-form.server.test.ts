import { expect, it } from "vitest";
import { parseStaffReportForm, staffReportFormValues } from "./staff-report-form.server";

it("reads the typed posts with the FTE derived from the hours, skips empty and removed rows, and keeps a known post's key", () => {
  const result = parseStaffReportForm(
    {
      "stelle-0-key": "k1",
      "stelle-0-name": " Anna Beispiel ",
      "stelle-0-hours": "19,5",
      "stelle-0-payGroup": "S 12",
      "stelle-0-degree": "ja",
      "stelle-0-start": "01.06.2017",
      "stelle-0-end": "",
      "stelle-1-hours": "",
      "stelle-2-hours": "39",
      "stelle-2-payGroup": "S 11b",
      "stelle-2-start": "2017-06-15",
      "stelle-2-end": "2017-12-31",
      "stelle-2-key": "../x",
      "stelle-3-hours": "39",
      "stelle-3-remove": "ja",
      "vakanz-notiz": "Ausschreibung läuft.\r\n",
    },
    3900,
  );
  expect(result).toEqual({
    ok: true,
    rowOf: [0, 2],
    vacancyNote: "Ausschreibung läuft.",
    posts: [
      { postKey: "k1", personName: "Anna Beispiel", payGroup: "S 12", weeklyHoursHundredths: 1950, fteHundredths: 50, hasDegree: true, start: "2017-06-01", end: null },
      { postKey: null, personName: "", payGroup: "S 11b", weeklyHoursHundredths: 3900, fteHundredths: 100, hasDegree: false, start: "2017-06-15", end: "2017-12-31" },
    ],
  });
});

it("names each bad field of a row: hours, pay group, a missing start, a day that is none", () => {
  const result = parseStaffReportForm({ "stelle-0-hours": "40", "stelle-0-start": "31.02.2017", "stelle-1-name": "Ben", "stelle-1-hours": "10", "stelle-1-payGroup": "S 12", "stelle-1-end": "morgen" }, 3900);
  expect(result).toEqual({
    ok: false,
    errors: {
      "stelle-0-hours": { key: "lot.hoursAboveFullTime", params: { max: "39" } },
      "stelle-0-payGroup": { key: "staffReport.post.payGroupMissing" },
      "stelle-0-start": { key: "staffReport.post.dayInvalid" },
      "stelle-1-start": { key: "staffReport.post.startMissing" },
      "stelle-1-end": { key: "staffReport.post.dayInvalid" },
    },
  });
});

it("gives the form the values of stored posts", () => {
  const values = staffReportFormValues([{ postKey: "k1", personName: "", payGroup: "S 12", weeklyHoursHundredths: 1950, fteHundredths: 50, hasDegree: true, start: "2017-06-01", end: null }], "");
  expect(values).toMatchObject({ "stelle-0-key": "k1", "stelle-0-hours": "19,5", "stelle-0-degree": "ja", "stelle-0-start": "2017-06-01", "stelle-0-end": "" });
  expect(parseStaffReportForm(values, 3900)).toMatchObject({ ok: true, posts: [{ postKey: "k1", weeklyHoursHundredths: 1950 }] });
});
