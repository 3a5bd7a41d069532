from tieline.reference.cameo import load_cameo


def test_cameo_has_every_root_with_quad_and_goldstein():
    table = load_cameo()
    for n in range(1, 21):
        root = f"{n:02d}"
        entry = table.get(root)
        assert entry.root == root
        assert entry.quad_class == (1 if n <= 5 else 2 if n <= 8 else 3 if n <= 13 else 4)


def test_cameo_maps_codes_to_plover():
    table = load_cameo()
    assert table.get("042").plover == "CONSULT"
    assert table.get("163").plover is not None
    assert table.get("190").goldstein == -10.0


def test_cameo_unknown_four_digit_code_falls_back_to_parent():
    assert load_cameo().get("0429").code == "042"
