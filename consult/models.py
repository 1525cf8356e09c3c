"""Private consultations (Konsultasi) between a user and an expert."""
