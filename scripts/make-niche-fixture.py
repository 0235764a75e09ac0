"""Writes fixtures/niche/: a DVDS report as a Niche-style records system exports it, for the README's
"mapping a real export" walk-through: its own headers, dd/MM/yyyy dates, "Right to Ask" and
"N/A" cells, Excel's blank rows, a "no date" sentinel (31/12/9999) for open cases, a totals row at
the end, as CSV (Windows-1252) and as an .xlsx twin written by XlsxWriter. Run once with
XlsxWriter importable:
    PYTHONPATH=/opt/pypi/files/xlsxwriter-3.2.9-py3-none-any.whl python3 scripts/make-niche-fixture.py
The files are committed; the tests read them, they never run this."""
import csv
import datetime
import io
import os

import xlsxwriter

OUT = os.path.join(os.path.dirname(__file__), '..', 'fixtures', 'niche')
HEADER = ['Occurrence Ref', 'Route', 'Date Received', 'Applicant', 'Person At Risk', 'Subject', 'Researcher',
          'Checks Completed', 'Immediate Risk', 'F2F Date', 'Outcome', 'Outcome Date', 'Date Disclosed',
          'Disclosure Method', 'Exceptional Circs', 'Date Closed', 'Comments']
D = datetime.date
ROWS = [
    ['DV/2024/0001', 'Right to Ask', D(2024, 1, 8), 'N-101', 'N-101', 'N-102', 'R-01', D(2024, 1, 8), 'N', D(2024, 1, 15), 'Disclose', D(2024, 1, 30), D(2024, 2, 1), 'Face to Face', 'N/A', D(2024, 2, 2), 'Seen at home address'],
    ['DV/2024/0002', 'Right to Know', D(2024, 1, 10), '', 'N-103', 'N-104', 'R-02', D(2024, 1, 11), 'Y', None, 'No Disclosure', D(2024, 2, 20), None, '', 'N/A', D(2024, 2, 21), ''],
    None,
    ['DV/2024/0003', 'Right to Ask', D(2024, 2, 2), 'N-105', 'N-106', 'N-107', 'R-01', D(2024, 2, 6), 'N', D(2024, 2, 26), 'NFA', D(2024, 3, 1), None, '', 'N/A', D(2024, 3, 1), ''],
    ['DV/2024/0004', 'Right to Ask', D(2024, 3, 4), 'N-108', 'N-108', 'N-109', 'R-03', D(2024, 3, 4), 'N/A', D(2024, 3, 11), 'Withdrawn', D(2024, 3, 12), None, '', 'N/A', D(2024, 3, 12), 'Applicant withdrew'],
    ['DV/2024/0005', 'Right to Know', D(2024, 4, 2), '', 'N-110', 'N-111', 'R-02', D(2024, 4, 2), 'N', None, 'Disclose', D(2024, 5, 20), D(2024, 5, 28), 'Telephone', 'Partner agency delay (IDVA)', D(2024, 5, 30), ''],
    None,
    ['DV/2024/0006', 'Right to Ask', D(2024, 5, 7), 'N-112', 'N-112', 'N-113', 'R-03', D(2024, 5, 9), 'Y', D(2024, 5, 14), 'N/A', None, None, '', 'N/A', D(9999, 12, 31), 'Awaiting checks'],
    ['DV/2024/0007', 'Right to Know', D(2024, 9, 16), '', 'N-114', 'N-115', 'R-01', D(2024, 9, 16), 'N', None, 'No Disclosure', D(2024, 10, 3), None, '', 'N/A', D(2024, 10, 4), ''],
]
TOTAL = ['Total records: 7'] + [''] * (len(HEADER) - 1)


def text(value):
    if value is None:
        return ''
    if isinstance(value, D):
        return value.strftime('%d/%m/%Y')
    return value


os.makedirs(OUT, exist_ok=True)
buf = io.StringIO()
w = csv.writer(buf, lineterminator='\r\n')
w.writerow(HEADER)
for row in ROWS:
    w.writerow([''] * len(HEADER) if row is None else [text(v) for v in row])
w.writerow(TOTAL)
with open(os.path.join(OUT, 'DVDS_Report.csv'), 'wb') as f:
    f.write(buf.getvalue().encode('cp1252'))

book = xlsxwriter.Workbook(os.path.join(OUT, 'DVDS_Report.xlsx'))
sheet = book.add_worksheet('DVDS Report')
day = book.add_format({'num_format': 'dd/mm/yyyy'})
sheet.write_row(0, 0, HEADER)
for r, row in enumerate(ROWS, start=1):
    if row is None:
        continue
    for c, value in enumerate(row):
        if value is None or value == '':
            continue
        if isinstance(value, D):
            # 31/12/9999 is past Excel's last date: the system writes it as text.
            if value.year > 9000:
                sheet.write_string(r, c, text(value))
            else:
                sheet.write_datetime(r, c, datetime.datetime.combine(value, datetime.time()), day)
        else:
            sheet.write_string(r, c, value)
sheet.write_row(len(ROWS) + 1, 0, TOTAL[:1])
book.close()
