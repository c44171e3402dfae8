"""Lecture d'un document budgétaire (``dette/_lecture.py``) : chaque nature de champ à sa borne,
l'en-tête, les notes du document et les formes de la source (issue 27).

Règles tirées du schéma TOTEM (``Base_Montant`` : nombre décimal à point ; dates
``AAAA-MM-JJ``, en pratique aussi ``JJ/MM/AAAA`` ; ``DtEmission`` du texte libre) et du module :
montants d'au plus 18 chiffres avant la virgule et 12 après, taux (pourcentage) d'au plus
6 chiffres avant, virgule tolérée, année sur quatre chiffres ASCII, entier d'au plus 6 chiffres,
booléen ``true``/``false``/``1``/``0`` sans casse.
"""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from typing import Any

import pytest

from collectivites.dette import _lecture, lire_document_budgetaire
from collectivites.dette._modeles import DocumentBudgetaire, EmpruntAnnexe
from collectivites.erreurs import ErreurDossier

D = Decimal
ENTETE_DOC = (
    "<VersionSchema V='115'/><EnTeteDocBudgetaire><LibelleColl V='Commune'/>"
    "<IdColl V='21000000000000'/><Departement V='075'/><NatCEPL V='Commune'/>"
    "<CodInseeColl V='75056'/></EnTeteDocBudgetaire>"
)


def budget(emprunts: str = "", *, exer: str = "<Exer V='2024'/>", annexe: bool = True) -> str:
    donnees = f"<DATA_EMPRUNT>{emprunts}</DATA_EMPRUNT>" if annexe else ""
    return (
        "<Budget><EnTeteBudget><LibelleEtab V='BUDGET ANNEXE'/><IdEtab V='21000000000099'/>"
        f"</EnTeteBudget><BlocBudget><NatDec V='09'/>{exer}</BlocBudget>"
        f"<Annexes>{donnees}</Annexes></Budget>"
    )


def document(*budgets: str, entete: str = ENTETE_DOC, racine: str = "DocumentBudgetaire") -> bytes:
    corps = "".join(budgets) if budgets else budget()
    return f"<{racine}>{entete}{corps}</{racine}>".encode()


def emprunt(*champs: str, code: str = "01", attributs: str = "") -> str:
    return f'<EMPRUNT{attributs}><CodTypEmpr V="{code}"/>{"".join(champs)}</EMPRUNT>'


def lire(*champs: str) -> EmpruntAnnexe:
    (e,) = lire_document_budgetaire(document(budget(emprunt(*champs)))).emprunts
    return e


def refus(*champs: str) -> ErreurDossier:
    with pytest.raises(ErreurDossier) as info:
        lire_document_budgetaire(document(budget(emprunt(*champs))))
    return info.value


def v(nom: str, valeur: str) -> str:
    return f'<{nom} V="{valeur}"/>'


# --- montants et durées ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("texte", "valeur"),
    [
        ("9" * 18 + "." + "9" * 12, D("9" * 18 + "." + "9" * 12)),
        ("1", D(1)),
        ("1.", D(1)),
        (".5", D("0.5")),
        ("-2.25", D("-2.25")),
        ("+3", D(3)),
        (" 4 ", D(4)),
        ("0.000000000001", D("1E-12")),
    ],
)
def test_montant_admis(texte: str, valeur: Decimal) -> None:
    assert lire(v("MtIntExer", texte)).interets == valeur


@pytest.mark.parametrize(
    "texte", ["9" * 19, "1." + "1" * 13, "." + "1" * 13, ".", "1,5", "1e3", "١", "--1"]
)
def test_montant_refuse(texte: str) -> None:
    erreur = refus(v("MtIntExer", texte))
    assert (erreur.message, erreur.cle, erreur.valeur) == (
        "montant invalide",
        "DATA_EMPRUNT/EMPRUNT[1]/MtIntExer",
        texte,
    )
    assert erreur.attendu == "un nombre décimal du schéma, point décimal, sans espace (1234.50)"


def test_duree_en_annees() -> None:
    assert lire(v("DureeRest", "12.5")).duree_residuelle == D("12.5")
    assert refus(v("DureeRest", "12 ans")).message == "durée invalide"


# --- taux (pourcentages) -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("texte", "taux"),
    [
        ("3.271", D("0.03271")),
        ("3,271", D("0.03271")),
        ("999999", D("9999.99")),
        (",5", D("0.005")),
        (".5", D("0.005")),
        ("-0.25", D("-0.0025")),
        ("2." + "1" * 12, D("0.02" + "1" * 12)),
    ],
)
def test_taux_en_pourcentage(texte: str, taux: Decimal) -> None:
    assert lire(v("TxActua", texte)).taux_actuel == taux


@pytest.mark.parametrize("texte", ["1234567", "2.5 %", "2." + "1" * 13, "", "x"])
def test_taux_refuse(texte: str) -> None:
    if texte == "":  # un taux vide est un champ absent, non une erreur
        assert lire(v("TxActua", texte)).taux_actuel is None
        return
    erreur = refus(v("TxActua", texte))
    assert (erreur.message, erreur.attendu) == (
        "taux invalide",
        "un pourcentage comme 3.271 ou 3,271",
    )


# --- dates -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("texte", "date"),
    [
        ("2020-02-15", dt.date(2020, 2, 15)),
        ("2020-02-15Z", dt.date(2020, 2, 15)),
        ("2020-02-15+01:00", dt.date(2020, 2, 15)),
        ("2020-02-15-05:00", dt.date(2020, 2, 15)),
        ("1/2/2020", dt.date(2020, 2, 1)),
        ("29/02/2024", dt.date(2024, 2, 29)),
    ],
)
def test_dates_iso_ou_a_la_francaise(texte: str, date: dt.date) -> None:
    assert lire(v("DtSignInit", texte)).date_signature == date


@pytest.mark.parametrize(
    ("texte", "message"),
    [
        ("2020-2-15", "date invalide"),
        ("15-02-2020", "date invalide"),
        ("15/02/20", "date invalide"),
        ("2020-02-15T00:00:00", "date invalide"),
        ("2023-02-29", "date impossible"),
        ("13/13/2020", "date impossible"),
    ],
)
def test_dates_refusees(texte: str, message: str) -> None:
    erreur = refus(v("DtSignInit", texte))
    assert (erreur.message, erreur.cle, erreur.valeur) == (
        message,
        "DATA_EMPRUNT/EMPRUNT[1]/DtSignInit",
        texte,
    )
    if message == "date invalide":
        assert erreur.attendu == "AAAA-MM-JJ ou JJ/MM/AAAA"


def test_date_d_emission_en_texte_libre() -> None:
    lue = lire_document_budgetaire(
        document(budget(emprunt(v("DtEmission", "printemps 2019"), v("DtSignInit", "2019-01-01"))))
    )
    (e,) = lue.emprunts
    assert e.date_emission is None
    assert e.champ("DtEmission") == "printemps 2019"
    assert e.date_signature == dt.date(2019, 1, 1)
    assert lue.notes == (
        "DATA_EMPRUNT/EMPRUNT[1]/DtEmission : date d'émission illisible « printemps 2019 », "
        "gardée en texte",
    )
    assert lire(v("DtEmission", "15/02/2019")).date_emission == dt.date(2019, 2, 15)


# --- années, entiers, booléens, textes -------------------------------------------------------


def test_annee_sur_quatre_chiffres() -> None:
    assert lire(v("AnEncaisse", "2019")).annee_mobilisation == 2019
    for texte in ("19", "20190", "２０１９", "201a"):
        erreur = refus(v("AnEncaisse", texte))
        assert (erreur.message, erreur.attendu) == (
            "année invalide",
            "une année sur quatre chiffres",
        )


def test_entier_d_au_plus_six_chiffres() -> None:
    assert lire(v("DureeContratReneg", "999999")).champ("DureeContratReneg") == 999_999
    assert lire(v("DureeContratReneg", "0")).champ("DureeContratReneg") == 0
    for texte in ("1000000", "-1", "1.0", "１２"):
        erreur = refus(v("DureeContratReneg", texte))
        assert (erreur.message, erreur.attendu) == ("nombre entier invalide", "un entier positif")


@pytest.mark.parametrize(
    ("texte", "valeur"),
    [("true", True), ("TRUE", True), ("1", True), ("False", False), ("0", False)],
)
def test_booleens(texte: str, valeur: bool) -> None:
    assert lire(v("Renegocie", texte)).renegocie is valeur


def test_booleen_refuse() -> None:
    erreur = refus(v("Renegocie", "oui"))
    assert (erreur.message, erreur.attendu) == ("booléen invalide", "true, false, 1 ou 0")


def test_taux_libre_et_code_gardes_en_texte() -> None:
    e = lire(v("TxMini", "Euribor + 1"), v("CodProfilAmort", "C"))
    assert e.champ("TxMini") == "Euribor + 1"
    assert e.champ("CodProfilAmort") == "C"


def test_valeur_en_texte_et_valeur_en_attribut() -> None:
    e = lire("<MtIntExer>\n  12.50 </MtIntExer>", '<MtCapitalExer V=" 7.00 ">99.00</MtCapitalExer>')
    assert (e.interets, e.capital_rembourse) == (D("12.50"), D("7.00"))
    assert lire("<MtIntExer>  </MtIntExer>").interets is None


def test_index_du_vote_sinon_initial_et_preteur() -> None:
    e = lire(v("IndexTxVariInit", "EURIBOR03M"), v("LibOrgaPreteur", "CDC"))
    assert (e.index, e.preteur, e.preteur_libelle) == ("euribor_3m", "caisse_des_depots", "CDC")
    e = lire(v("IndexTxVariInit", "EURIBOR03M"), v("IndexTxVariDtVote", "LIVRETA+0,6"))
    assert (e.index, e.marge) == ("livret_a", D("0.006"))


# --- emprunts : rang, lignes calculées, vides, bornes -----------------------------------------


def test_lignes_calculees_vides_et_rangs() -> None:
    calcule = emprunt(v("MtIntExer", "1.00"), attributs=' calculated="TRUE"')
    vide = "<EMPRUNT><MtIntExer V='0.00'/><Couverture V='FALSE'/><NumContrat V=''/></EMPRUNT>"
    lu = lire_document_budgetaire(
        document(budget(calcule + vide + emprunt(v("NumContrat", "C-3")) + calcule))
    )
    assert [(e.rang, e.numero_contrat) for e in lu.emprunts] == [(3, "C-3")]
    assert (lu.lignes_calculees, lu.lignes_ignorees) == (2, ("DATA_EMPRUNT/EMPRUNT[2]",))
    assert (
        '2 ligne(s) calculée(s) par l\'éditeur (calculated="true", regroupements) écartée(s) : '
        "ce ne sont pas des emprunts"
    ) in lu.notes
    assert (
        "DATA_EMPRUNT/EMPRUNT[2] : élément EMPRUNT sans code de type ni donnée (valeurs nulles "
        "ou fausses seulement), ignoré"
    ) in lu.notes


def test_emprunt_sans_code_mais_avec_une_donnee_refuse() -> None:
    with pytest.raises(ErreurDossier) as info:
        lire_document_budgetaire(document(budget("<EMPRUNT><MtIntExer V='1'/></EMPRUNT>")))
    assert info.value.cle == "DATA_EMPRUNT/EMPRUNT[1]/CodTypEmpr"
    assert info.value.attendu == "01, 02, 05, 06, 07, 08, 09 ou 10"


def test_un_emprunt_hors_de_data_emprunt_n_est_pas_lu() -> None:
    ailleurs = "<Annexes><AUTRE>" + emprunt(v("MtIntExer", "abc")) + "</AUTRE></Annexes>"
    lu = lire_document_budgetaire(document(budget().replace("<Annexes>", ailleurs + "<Annexes>")))
    assert lu.emprunts == ()


def test_nombre_d_emprunts_borne(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_lecture, "EMPRUNTS_MAX", 2)
    assert len(lire_document_budgetaire(document(budget(emprunt() * 2))).emprunts) == 2
    with pytest.raises(ErreurDossier) as info:
        lire_document_budgetaire(document(budget(emprunt() * 3)))
    assert (info.value.message, info.value.attendu) == (
        "trop d'emprunts dans l'annexe",
        "au plus 2",
    )


def test_element_en_double_donne_son_chemin() -> None:
    erreur = refus(v("MtIntExer", "1"), v("MtIntExer", "2"))
    assert erreur.cle == "DATA_EMPRUNT/EMPRUNT[1]/MtIntExer"


def test_une_seule_ligne_de_ratio_et_ses_elements() -> None:
    ratio = emprunt(
        v("RReelFon", "1000.00"),
        v("Tot1Annuite", "10.00"),
        v("PartGarantiesEmprunt", "15,5"),
        v("AnnuitNetDette", ""),
        code="10",
    )
    lu = lire_document_budgetaire(document(budget(emprunt() + ratio)))
    assert [e.rang for e in lu.emprunts] == [1]
    assert lu.elements_ratio == (
        ("RReelFon", D("1000.00")),
        ("Tot1Annuite", D("10.00")),
        ("PartGarantiesEmprunt", D("0.155")),
    )
    with pytest.raises(ErreurDossier) as info:
        lire_document_budgetaire(document(budget(ratio + emprunt() + ratio)))
    assert info.value.cle == "DATA_EMPRUNT/EMPRUNT[1], DATA_EMPRUNT/EMPRUNT[3]"
    with pytest.raises(ErreurDossier) as info:
        lire_document_budgetaire(document(budget(emprunt(v("TotGarEchoirExer", "x"), code="10"))))
    assert (info.value.message, info.value.cle) == (
        "montant invalide",
        "DATA_EMPRUNT/EMPRUNT[1]/TotGarEchoirExer",
    )


# --- en-tête et document ------------------------------------------------------------------------


def test_en_tete_complet() -> None:
    lu = lire_document_budgetaire(document())
    attendu: dict[str, Any] = {
        "collectivite": "Commune",
        "siret": "21000000000000",
        "departement": "075",
        "nature_collectivite": "Commune",
        "budget": "BUDGET ANNEXE",
        "code_insee": "75056",
        "exercice": 2024,
        "nature": "09",
        "version_schema": "115",
        "enveloppe": "DocumentBudgetaire",
        "source": "",
    }
    assert {cle: getattr(lu, cle) for cle in attendu} == attendu
    assert lu.notes == ("l'annexe de la dette (DATA_EMPRUNT) ne contient aucun emprunt",)


def test_etablissement_sans_libelle_de_collectivite() -> None:
    lu = lire_document_budgetaire(document(entete=""))
    assert (lu.collectivite, lu.siret, lu.version_schema) == (
        "BUDGET ANNEXE",
        "21000000000099",
        None,
    )


def test_version_du_schema_seulement_pres_de_la_racine() -> None:
    profonde = budget().replace("<Annexes>", "<Annexes><X><Y><VersionSchema V='86'/></Y></X>")
    assert lire_document_budgetaire(document(profonde, entete="")).version_schema is None
    interieur = document(entete="<VersionSchema V='99'/>").decode()
    enveloppe = f"<Cfu>{interieur}</Cfu>".encode()
    assert lire_document_budgetaire(enveloppe).version_schema == "99"


def test_premiere_valeur_de_l_en_tete_gardee_et_espaces_otes() -> None:
    entete = "<EnTeteDocBudgetaire><LibelleColl V='  Ville  '/><LibelleColl V='Autre'/>"
    lu = lire_document_budgetaire(document(entete=entete + "</EnTeteDocBudgetaire>"))
    assert lu.collectivite == "Ville"


@pytest.mark.parametrize("exer", ["<Exer V='20a4'/>", "<Exer V='２０２４'/>"])
def test_exercice_invalide(exer: str) -> None:
    with pytest.raises(ErreurDossier) as info:
        lire_document_budgetaire(document(budget(exer=exer)))
    assert (info.value.message, info.value.cle) == ("exercice invalide", "BlocBudget/Exer")


def test_sans_exercice_ni_annexe() -> None:
    lu = lire_document_budgetaire(document(budget(exer="", annexe=False)))
    assert lu.exercice is None
    assert lu.notes == ("le document n'a pas d'annexe de la dette (DATA_EMPRUNT)",)


def test_seul_le_premier_budget_est_lu() -> None:
    premier = budget(emprunt(v("NumContrat", "P")))
    second = budget(emprunt(v("NumContrat", "S"), v("MtIntExer", "faux"))).replace(
        "BUDGET ANNEXE", "SECOND"
    )
    lu = lire_document_budgetaire(document(premier, second, second))
    assert [e.numero_contrat for e in lu.emprunts] == ["P"]
    assert lu.budget == "BUDGET ANNEXE"
    assert "le fichier contient 3 budgets : seul le premier est lu" in lu.notes
    deux_documents = f"<Cfu>{document(premier).decode()}{document(second).decode()}</Cfu>"
    lu = lire_document_budgetaire(deux_documents.encode())
    assert [e.numero_contrat for e in lu.emprunts] == ["P"]
    assert lu.notes[:2] == (
        "le fichier contient 2 budgets : seul le premier est lu",
        "document lu dans son enveloppe « Cfu »",
    )


def test_en_tete_seul_sans_racine_documentbudgetaire() -> None:
    """Un fichier d'en-tête sans DocumentBudgetaire ni Budget mais avec LibelleColl : lu comme
    un document, refusé faute de budget, dans son enveloppe."""
    octets = f"<Enveloppe>{ENTETE_DOC}</Enveloppe>".encode()
    with pytest.raises(ErreurDossier, match="enveloppe « Enveloppe » sans budget"):
        lire_document_budgetaire(octets)


def test_nom_de_la_source(tmp_path: Any) -> None:
    chemin = tmp_path / "budget.xml"
    chemin.write_bytes(document())
    assert lire_document_budgetaire(chemin).source == str(chemin)
    assert lire_document_budgetaire(str(chemin)).source == str(chemin)
    assert lire_document_budgetaire(document()).source == ""
    flux = io.BytesIO(document())
    assert lire_document_budgetaire(flux).source == ""
    flux = io.BytesIO(document())
    flux.name = "envoi.xml"
    assert lire_document_budgetaire(flux).source == "envoi.xml"
    with chemin.open("rb") as ouvert:
        assert lire_document_budgetaire(ouvert).source == str(chemin)


def test_accents_windows_1252_relus_avec_une_note(tmp_path: Any) -> None:
    octets = document(entete=ENTETE_DOC.replace("'Commune'", "'Sèvres'"))
    fautif = octets.decode().encode("cp1252")
    chemin = tmp_path / "sevres.xml"
    chemin.write_bytes(b'<?xml version="1.0" encoding="utf-8"?>\n' + fautif)
    for source in (fautif, chemin, str(chemin)):
        lu = lire_document_budgetaire(source)
        assert isinstance(lu, DocumentBudgetaire)
        assert lu.collectivite == "Sèvres"
        assert lu.notes[0].endswith(": fichier relu en Windows-1252 (ISO-8859-1)")
        assert lu.notes[0].startswith("octets invalides pour l'encodage déclaré (")
    # un fichier ouvert ne se relit pas : l'erreur d'expat reste
    with pytest.raises(Exception, match="XML mal formé"):
        lire_document_budgetaire(io.BytesIO(fautif))


# --- relecture en Windows-1252 -------------------------------------------------------------------


def _cp1252(libelle: bytes, declaration: bytes = b"") -> bytes:
    return (
        declaration
        + b'<DocumentBudgetaire><EnTeteDocBudgetaire><LibelleColl V="'
        + libelle
        + b'"/>'
        b"</EnTeteDocBudgetaire>" + budget().encode() + b"</DocumentBudgetaire>"
    )


def test_octet_sans_caractere_en_windows_1252_remplace() -> None:
    """0x81 n'a pas de caractère en Windows-1252 : il devient U+FFFD, la lecture continue."""
    lu = lire_document_budgetaire(_cp1252(b"S\xe8vres\x81"))
    assert lu.collectivite == "Sèvres\ufffd"


@pytest.mark.parametrize("encodage", [b"US-ASCII", b"utf-8", b"UTF-8"])
def test_declaration_corrigee_en_utf_8(encodage: bytes) -> None:
    """Un fichier qui se dit US-ASCII (ou UTF-8) mais écrit ses accents en Windows-1252 : relu
    transcodé en UTF-8, sa déclaration doit dire UTF-8, sans quoi la relecture échouerait."""
    declaration = b'<?xml version="1.0" encoding="' + encodage + b'"?>'
    lu = lire_document_budgetaire(_cp1252(b"S\xe8vres", declaration))
    assert lu.collectivite == "Sèvres"
    assert lu.notes[0].endswith("fichier relu en Windows-1252 (ISO-8859-1)")


def test_declaration_corrigee_seulement_au_debut_du_fichier() -> None:
    """Un texte qui ressemble à une déclaration XML (dans une section CDATA) au début d'un
    morceau de 64 Kio lu plus loin reste tel quel."""
    from collectivites.chargement._xml import _MORCEAU

    contenu = b'<?xml version="1.0" encoding="latin1"?>'
    avant = (
        b'<DocumentBudgetaire><EnTeteDocBudgetaire><LibelleColl V="S\xe8vres"/>'
        b"</EnTeteDocBudgetaire><Budget><DATA_EMPRUNT><EMPRUNT><CodTypEmpr V='01'/><!--"
    )
    debut_cdata = b"--><NumContrat><![CDATA["
    remplissage = b"x" * (_MORCEAU - len(avant) - len(debut_cdata))
    octets = (
        avant
        + remplissage
        + debut_cdata
        + contenu
        + b"]]></NumContrat></EMPRUNT></DATA_EMPRUNT></Budget></DocumentBudgetaire>"
    )
    assert octets.index(contenu) == _MORCEAU
    (e,) = lire_document_budgetaire(octets).emprunts
    assert e.numero_contrat == contenu.decode()


# --- refus du document : valeur et attendu ------------------------------------------------------


def test_refus_du_document_avec_valeur_et_attendu() -> None:
    with pytest.raises(ErreurDossier) as info:
        lire_document_budgetaire(b"<Autre><A V='1'/></Autre>")
    assert (info.value.valeur, info.value.attendu) == (
        "élément racine « Autre »",
        "un fichier TOTEM dont la racine est DocumentBudgetaire (ou un compte financier unique "
        "qui l'enveloppe)",
    )
    with pytest.raises(ErreurDossier) as info:
        lire_document_budgetaire(f"<DocumentBudgetaire>{ENTETE_DOC}</DocumentBudgetaire>".encode())
    assert (info.value.message, info.value.attendu) == (
        "le document n'a pas de budget (élément Budget absent)",
        "un élément Budget avec son EnTeteBudget, son BlocBudget et ses Annexes",
    )
    with pytest.raises(ErreurDossier) as info:
        lire_document_budgetaire(document(budget(exer="<Exer V='24x'/>")))
    assert info.value.valeur == "24x"


def test_nomenclature_et_collectivite_sans_libelle() -> None:
    sans_libelle = budget().replace("<LibelleEtab V='BUDGET ANNEXE'/>", "")
    sans_libelle = sans_libelle.replace("<EnTeteBudget>", "<EnTeteBudget><Nomenclature V='M57'/>")
    lu = lire_document_budgetaire(document(sans_libelle, entete="<VersionSchema V='115'/>"))
    assert (lu.collectivite, lu.budget, lu.nomenclature) == ("", None, "M57")


@pytest.mark.parametrize(
    ("corps", "nombre"),
    [
        # deux budgets dans un même document
        (f"<DocumentBudgetaire>{ENTETE_DOC}{budget()}{budget()}</DocumentBudgetaire>", 2),
        # deux documents dont le second n'a pas de budget
        (
            f"<Cfu>{document().decode()}<DocumentBudgetaire>{ENTETE_DOC}</DocumentBudgetaire>"
            "</Cfu>",
            2,
        ),
    ],
    ids=["deux-budgets", "deux-documents"],
)
def test_note_des_budgets_en_trop(corps: str, nombre: int) -> None:
    lu = lire_document_budgetaire(corps.encode())
    assert f"le fichier contient {nombre} budgets : seul le premier est lu" in lu.notes


# --- texte des éléments : lu dans un champ d'emprunt seulement, jamais gardé ailleurs -----------


def test_valeur_en_texte_sous_une_enveloppe_quelconque() -> None:
    """Sous une enveloppe dont le deuxième niveau est déjà EMPRUNT, le texte d'un champ se lit
    comme ailleurs."""
    octets = (
        "<DATA_EMPRUNT><EMPRUNT><CodTypEmpr V='01'/><MtIntExer>1.50</MtIntExer></EMPRUNT>"
        f"{ENTETE_DOC}<Budget/></DATA_EMPRUNT>"
    ).encode()
    lu = lire_document_budgetaire(octets)
    assert [e.interets for e in lu.emprunts] == [D("1.50")]


@pytest.mark.parametrize("place", ["hors-emprunt", "dans-emprunt"])
def test_un_long_texte_n_est_pas_garde_en_memoire(place: str) -> None:
    """« La mémoire ne dépend que du nombre d'emprunts de l'annexe » : 4 Mio de texte hors d'un
    champ d'emprunt (dans le budget, ou dans EMPRUNT après son dernier champ) ne sont pas
    retenus pendant la lecture."""
    import tracemalloc

    texte = "x" * (4 * 2**20)
    if place == "hors-emprunt":
        corps = budget(emprunt()).replace(
            "<Annexes>", f"<Commentaire>{texte}</Commentaire><Annexes>"
        )
    else:
        corps = budget(emprunt().replace("</EMPRUNT>", f"{texte}</EMPRUNT>") + emprunt())
    octets = document(corps)
    tracemalloc.start()
    try:
        lu = lire_document_budgetaire(io.BytesIO(octets))
        _courant, pic = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert len(lu.emprunts) == 1 + (place == "dans-emprunt")
    assert pic < 2**20


# --- noms préfixés, refus d'un champ avec son chemin et sa valeur --------------------------------


@pytest.mark.parametrize("prefixe", ["bl:", "a:b:"])
def test_noms_prefixes_lus_sans_leur_prefixe(prefixe: str) -> None:
    """expat lit les noms tels qu'écrits (sans traitement des espaces de noms) : le préfixe,
    même à plusieurs deux-points, est ôté."""
    corps = budget(emprunt(v("MtIntExer", "1.00"))).replace("<", "<" + prefixe)
    corps = corps.replace("<" + prefixe + "/", "</" + prefixe)
    lu = lire_document_budgetaire(document(corps))
    assert [(e.code_type, e.interets) for e in lu.emprunts] == [("01", D("1.00"))]
    assert lu.budget == "BUDGET ANNEXE"


@pytest.mark.parametrize(
    ("champ", "texte", "message"),
    [
        ("TxActua", "2 %", "taux invalide"),
        ("AnEncaisse", "19", "année invalide"),
        ("DureeContratReneg", "-1", "nombre entier invalide"),
        ("Renegocie", "oui", "booléen invalide"),
    ],
)
def test_refus_d_un_champ_avec_son_chemin_et_sa_valeur(
    champ: str, texte: str, message: str
) -> None:
    erreur = refus(v("NumContrat", "A"), v(champ, texte))
    assert (erreur.message, erreur.cle, erreur.valeur) == (
        message,
        f"DATA_EMPRUNT/EMPRUNT[1]/{champ}",
        texte,
    )


def test_code_de_type_inconnu_avec_sa_valeur() -> None:
    with pytest.raises(ErreurDossier) as info:
        lire_document_budgetaire(document(budget(emprunt(code="04"))))
    assert (info.value.cle, info.value.valeur, info.value.attendu) == (
        "DATA_EMPRUNT/EMPRUNT[1]/CodTypEmpr",
        "04",
        "01, 02, 05, 06, 07, 08, 09 ou 10 (liste ATCodTypEmprunt du schéma)",
    )


def test_code_de_type_garde_et_champ_inconnu_n_arrete_pas_la_lecture() -> None:
    e = lire(v("ChampFutur", "x"), v("MtIntExer", "3.00"), v("AutreFutur", "y"))
    assert (e.code_type, e.interets) == ("01", D("3.00"))
    assert e.autres == (("ChampFutur", "x"), ("AutreFutur", "y"))
    assert e.champ("CodTypEmpr") == "01"
    assert lire_document_budgetaire(document(budget(emprunt(code="02")))).emprunts[0].code_type == (
        "02"
    )


def test_texte_d_un_champ_en_plusieurs_morceaux() -> None:
    """Un commentaire ou un élément coupe le texte en morceaux, réunis sans séparateur."""
    assert lire("<MtIntExer>12<!-- c -->.50</MtIntExer>").interets == D("12.50")
    assert lire("<MtIntExer>12<x/>.50</MtIntExer>").interets == D("12.50")


def test_un_champ_vide_n_arrete_pas_la_lecture_des_suivants() -> None:
    e = lire(v("NumContrat", ""), v("MtIntExer", "4.00"))
    assert (e.numero_contrat, e.interets) == (None, D("4.00"))


def test_emprunt_imbrique_dans_un_emprunt_est_un_champ_inconnu() -> None:
    e = lire("<EMPRUNT/>", v("NumContrat", "N"))
    assert e.numero_contrat == "N"
    assert e.autres == (("EMPRUNT", ""),)


@pytest.mark.parametrize("element", ["Budget", "DocumentBudgetaire"])
def test_un_second_budget_ouvert_dans_un_emprunt_arrete_la_lecture(element: str) -> None:
    """Seul le premier budget est lu : un second, même ouvert au milieu d'un emprunt, met fin à
    la lecture (l'emprunt inachevé n'est pas gardé)."""
    lu = lire_document_budgetaire(document(budget(emprunt(f"<{element}/>"))))
    assert lu.emprunts == ()
    assert "le fichier contient 2 budgets : seul le premier est lu" in lu.notes


def test_document_sans_libelle_ni_budget_n_est_pas_un_document_budgetaire_sauf_sa_racine() -> None:
    with pytest.raises(ErreurDossier) as info:
        lire_document_budgetaire(
            b"<DocumentBudgetaire><VersionSchema V='115'/></DocumentBudgetaire>"
        )
    assert info.value.message == "le document n'a pas de budget (élément Budget absent)"


# --- ce qui suit le premier budget n'est pas lu ; EMPRUNT hors de DATA_EMPRUNT ---------------


def test_en_tete_d_un_second_budget_ou_document_ignore() -> None:
    second_budget = budget().replace("<EnTeteBudget>", "<EnTeteBudget><Nomenclature V='M14'/>")
    lu = lire_document_budgetaire(document(budget(), second_budget))
    assert lu.nomenclature is None
    second_document = "<DocumentBudgetaire><EnTeteDocBudgetaire><Departement V='013'/>"
    premier = document(entete="<VersionSchema V='115'/>").decode()
    octets = f"<Cfu>{premier}{second_document}</EnTeteDocBudgetaire></DocumentBudgetaire></Cfu>"
    lu = lire_document_budgetaire(octets.encode())
    assert lu.departement is None
    assert "le fichier contient 2 budgets : seul le premier est lu" in lu.notes


def test_emprunt_hors_annexe_puis_emprunt_de_l_annexe() -> None:
    ailleurs = "<AUTRE>" + emprunt(v("NumContrat", "hors")) + "</AUTRE>"
    corps = budget(emprunt(v("NumContrat", "dedans"))).replace("<Annexes>", "<Annexes>" + ailleurs)
    lu = lire_document_budgetaire(document(corps))
    assert [(e.rang, e.numero_contrat) for e in lu.emprunts] == [(1, "dedans")]
    vide = lire_document_budgetaire(document(budget().replace("<Annexes>", "<Annexes>" + ailleurs)))
    assert "l'annexe de la dette (DATA_EMPRUNT) ne contient aucun emprunt" in vide.notes


def test_version_du_schema_au_quatrieme_niveau_ignoree() -> None:
    corps = budget().replace("<Annexes>", "<Annexes><VersionSchema V='86'/>")
    assert lire_document_budgetaire(document(corps, entete="")).version_schema is None


def test_encodage_declare_incorrect_pas_relu_en_windows_1252() -> None:
    """Seul un octet invalide pour l'encodage déclaré fait relire en Windows-1252 ; une
    déclaration UTF-16 sur un texte ASCII reste refusée."""
    octets = b'<?xml version="1.0" encoding="UTF-16"?>' + document()
    with pytest.raises(Exception, match="encodage déclaré incorrect"):
        lire_document_budgetaire(octets)
