"""Communities of the interaction graph (Leiden), their leaders and the brokers between them."""
