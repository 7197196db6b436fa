"""Pure rules of the campaign: no database, no Qt."""
