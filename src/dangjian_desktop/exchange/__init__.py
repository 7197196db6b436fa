"""Excel in and out, and the county package. Plain data in, plain data out: no Qt, no database.

safety     open an untrusted .xlsx (size, zip and XML checks before openpyxl)
normalize  what a clerk typed in a cell -> dates and text
importer   branch and member registers -> ImportPreview (rows + problems by row and column)
templates  the blank registers the program hands out
safe_write atomic saves; text cells no spreadsheet evaluates
county     the county workbook, the package folder with its manifest, and its verification
"""
