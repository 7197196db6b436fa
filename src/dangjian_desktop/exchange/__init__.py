"""Excel in and out, and the county package. Plain data in, plain data out: no Qt, no database.

safety       open an untrusted .xlsx (size, zip, XML and row-count checks before openpyxl);
             name what a file is when it is not an .xlsx
normalize    what a clerk typed in a cell -> dates and text
sheet_stream a worksheet as a stream of rows: merged cells filled, hidden and unseen rows marked
register_columns  the registers' columns, accepted headers and example rows
importer     branch and member registers -> ImportPreview (rows + problems by row and column)
templates    the blank registers the program hands out
safe_write   atomic saves; text cells no spreadsheet evaluates
county       the county workbook, the package folder with its manifest, and its verification
county_notes the workbook's 说明 sheet: what the package is, the audit-log anchor
"""
