"""ETL: turn a folder of SCO–OSCE event reports into tidy, traceable tables."""
