"""Building the gazetteer from GeoNames files and adding a user's country dump."""

from __future__ import annotations

from pathlib import Path

import pytest

from corroborate.errors import InputError
from corroborate.geo.build import add_dump, build_gazetteer
from corroborate.geo.gazetteer import Gazetteer
from tests.geo.conftest import geonames_row


def test_build_indexes_names_alternates_regions_and_countries(small_gazetteer: Gazetteer) -> None:
    [city] = small_gazetteer.lookup("Karvan")  # an alternate name
    assert (city.geonames_id, city.country, city.admin1) == (9001, "Avaria", "Qarvan Governorate")
    assert city.precision == "city"
    regions = [e for e in small_gazetteer.lookup("Mira") if e.feature_type == "ADM1"]
    assert regions and regions[0].precision == "region"  # "Mira Province" also as "Mira"
    [country] = small_gazetteer.lookup("Avarian Republic")  # the curated alias
    assert (country.geonames_id, country.precision) == (8001, "country")
    assert len(small_gazetteer.lookup("Tellmira")) == 2  # namesakes in two countries


def test_build_adds_curated_sites_with_their_aliases(small_gazetteer: Gazetteer) -> None:
    [base] = small_gazetteer.lookup("Karvan base")
    assert (base.geonames_id, base.feature_type, base.precision) == (-1, "AIRB", "point")
    assert base.admin1 == "Qarvan Governorate"


def test_build_refuses_a_supplement_without_source(
    tmp_path: Path, geonames_dir: Path, curated: Path
) -> None:
    supplement = curated / "supplement.tsv"
    supplement.write_text("-2\tNowhere\tS\tAIRB\tXA\t\t1\t2\tx\t\n", encoding="utf-8")
    with pytest.raises(InputError, match="supplement.tsv, line 1: every supplement entry"):
        build_gazetteer(geonames_dir, tmp_path / "out.sqlite", cache=False, curated=curated)
    assert not (tmp_path / "out.sqlite").exists()


def test_add_dump_adds_every_feature_class(tmp_path: Path, small_gazetteer: Gazetteer) -> None:
    dump = tmp_path / "XA.txt"
    dump.write_text(
        geonames_row(9301, "Jabal Sura", "Sura Mountain", 10.2, 20.2, "T.MT", "XA", "01", 0)
        + geonames_row(9302, "Bab Nur", "Bab al-Nur crossing", 10.3, 20.3, "S.PSTB", "XA", "02", 0),
        encoding="utf-8",
    )
    user = tmp_path / "user" / "gazetteer.sqlite"
    assert add_dump(dump, user) == {"places": 2, "names": 4}
    both = Gazetteer([*small_gazetteer.paths, user])
    [mountain] = both.lookup("Sura Mountain")
    assert (mountain.feature_type, mountain.precision, mountain.admin1) == (
        "MT",
        "point",
        None,
    )  # the user's file holds no region names
    assert both.lookup("Qarvan")  # the first file still answers


def test_add_dump_bad_line_names_file_and_line_and_adds_nothing(tmp_path: Path) -> None:
    dump = tmp_path / "bad.txt"
    dump.write_text(
        geonames_row(9301, "Ok", "", 1, 2, "P.PPL", "XA", "01", 0) + "9302\tonly three\tcolumns\n",
        encoding="utf-8",
    )
    user = tmp_path / "gazetteer.sqlite"
    with pytest.raises(InputError, match="bad.txt, line 2: expected 19"):
        add_dump(dump, user)
    assert not user.exists()
