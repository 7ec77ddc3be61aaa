// This mystery's SugarCube settings. A save id of its own keeps its saves apart from every other
// mystery on the same site.
Config.saves.id = "{{SLUG}}";
