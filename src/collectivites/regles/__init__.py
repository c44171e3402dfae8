"""Moteurs de règles : délais contractuels (``delais``), barèmes REP (``rep``), rSa (``rsa``)."""

__all__: list[str] = []
