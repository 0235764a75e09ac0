"""Writes fixtures/loader/workbook/: an .xlsx workbook made by a real workbook writer (XlsxWriter),
with a date-typed column, a date-and-time column, number-typed ids, a blank row and a second
sheet, and the CSV its rows are the twin of. Run once with XlsxWriter importable, e.g.
    PYTHONPATH=/opt/pypi/files/xlsxwriter-3.2.9-py3-none-any.whl python3 scripts/make-workbook-fixture.py
The files are committed; the tests read them, they never run this."""
import csv
import datetime
import os

import xlsxwriter

OUT = os.path.join(os.path.dirname(__file__), '..', 'fixtures', 'loader', 'workbook')
HEADER = ['DVDS Ref', 'Route', 'Date Received', 'Person At Risk Ref', 'Subject Ref', 'Researcher', 'Outcome', 'Outcome Date', 'Exceptional Circs']
ROWS = [
    [1234567, 'RTA', datetime.datetime(2023, 3, 26, 1, 30), 'P-1', 'S-1', 'H-1', 'NODISC', datetime.date(2023, 4, 20), 'N/A'],
    [1234568, 'RTK', datetime.datetime(2023, 10, 29, 1, 30), 'P-2', 'S-2', 'H-2', 'DISC', datetime.date(2023, 11, 1), ''],
    None,  # a blank row, as Excel leaves them
    [1234569, 'RTA', datetime.date(2024, 2, 29), 'P-3', 'S-3', 'H-1', '', None, 'Awaiting partner agency'],
    [1234570, 'RTA', datetime.date(2024, 7, 1), 'P-4', 'S-4', 'H-2', 'NODISC', datetime.date(2024, 7, 1), ''],
]

os.makedirs(OUT, exist_ok=True)
book = xlsxwriter.Workbook(os.path.join(OUT, 'applications.xlsx'))
sheet = book.add_worksheet('DVDS Cases')
day = book.add_format({'num_format': 'dd/mm/yyyy'})
stamp = book.add_format({'num_format': 'dd/mm/yyyy hh:mm'})
sheet.write_row(0, 0, HEADER)
for r, row in enumerate(ROWS, start=1):
    if row is None:
        continue
    for c, value in enumerate(row):
        if value is None or value == '':
            continue
        if isinstance(value, datetime.datetime):
            sheet.write_datetime(r, c, value, stamp)
        elif isinstance(value, datetime.date):
            sheet.write_datetime(r, c, datetime.datetime.combine(value, datetime.time()), day)
        elif isinstance(value, int):
            sheet.write_number(r, c, value)
        else:
            sheet.write_string(r, c, value)
notes = book.add_worksheet('Notes')
notes.write(0, 0, 'Exported from the records system; not a table')
book.close()


def text(value):
    if value is None:
        return ''
    if isinstance(value, datetime.datetime):
        return value.strftime('%Y-%m-%dT%H:%M')
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


with open(os.path.join(OUT, 'applications.csv'), 'w', newline='', encoding='utf-8') as f:
    w = csv.writer(f, lineterminator='\n')
    w.writerow(HEADER)
    for row in ROWS:
        w.writerow([''] * len(HEADER) if row is None else [text(v) for v in row])

# A second workbook as a records system's report writes it: a title above the header, a blank row,
# then the table; sheet row 6 holds a route no mapping reads (rejected with that row number).
book = xlsxwriter.Workbook(os.path.join(OUT, 'titled.xlsx'))
sheet = book.add_worksheet('Report')
sheet.write(0, 0, 'DVDS applications, all routes')
sheet.write_row(2, 0, HEADER[:5])
sheet.write_row(3, 0, ['X-1', 'RTA', '2024-01-02', 'P-1', 'S-1'])
sheet.write_row(4, 0, ['X-2', 'RTK', '2024-01-03', 'P-2', 'S-2'])
sheet.write_row(5, 0, ['X-3', 'Walk-in', '2024-01-04', 'P-3', 'S-3'])
book.close()
