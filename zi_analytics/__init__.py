"""ZI Analytics: read a Lapas' own Zona Integritas files and report readiness for WBK/WBBM."""

__version__ = "0.1.0"
