// libxlsxwriter (Debian's libxlsxwriter-dev): the only header of it Braid includes. Only
// BraidReports/Workbook/Workbook.swift imports this module.
#include <xlsxwriter.h>
