"""What people read: the dashboard's tables in Indonesian, the Excel report and the printable briefing."""
